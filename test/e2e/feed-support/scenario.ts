import { castOf, created, openTicket, type Cast } from '../support/hour-bank-fixtures.js';
import type { ApiHarness } from '../support/harness.js';

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

/** Drives every HTTP command downstream cares about, over two accounts, with the test clock on. */
export async function runDownstreamScenario(api: ApiHarness): Promise<Cast & { tickets: string[] }> {
  const cast = await castOf(api);
  const { manager, agent, clientA, clientB, accountA, accountB } = cast;
  created(await manager.post(`/accounts/${accountA}/packages`, { minutes: 300 }));
  created(await manager.post(`/accounts/${accountA}/adjustments`, { minutes: 30, reason: 'Cortesia' }));
  created(await manager.post(`/accounts/${accountA}/adjustments`, { minutes: -20, reason: 'Lançamento duplicado' }));
  await manager.request('PUT', `/accounts/${accountA}/plan`, { body: { plan: 'BASIC' } });

  const delivered = await openTicket(clientA, accountA);
  created(await agent.post(`/tickets/${delivered}/clarification-requests`, { question: 'Qual relatório?' }));
  created(await clientA.post(`/tickets/${delivered}/clarifications`, { answer: 'O de vendas.' }));
  created(await agent.post(`/tickets/${delivered}/estimate`, { minutes: 5000, expectedDeliveryAt: inDays(7) }));
  created(await clientA.post(`/tickets/${delivered}/approval`, { decision: 'approve' }));
  const logged = created(await agent.post(`/tickets/${delivered}/time-entries`, { minutes: 95, activity: 'development', performedOn: inDays(0).slice(0, 10) }));
  const entryId = logged.events?.find((e: { type: string }) => e.type === 'TimeLogged')?.data.entryId;
  if (entryId) created(await agent.post(`/tickets/${delivered}/time-entries/${entryId}/corrections`, { minutes: -5, reason: 'Digitado errado' }));
  created(await agent.post(`/tickets/${delivered}/delivery`, { summary: 'Consulta corrigida.' }));
  created(await clientA.post(`/tickets/${delivered}/revision-requests`, { reason: 'Falta o filtro por loja.' }));
  created(await agent.post(`/tickets/${delivered}/delivery`, { summary: 'Filtro por loja incluído.' }));
  created(await clientA.post(`/tickets/${delivered}/acceptance`, {}));

  const rejected = await openTicket(clientA, accountA);
  created(await agent.post(`/tickets/${rejected}/estimate`, { minutes: 9000, expectedDeliveryAt: inDays(14) }));
  created(await clientA.post(`/tickets/${rejected}/approval`, { decision: 'reject', reason: 'Caro demais' }));
  created(await agent.post(`/tickets/${rejected}/cancellation`, { reason: 'Cliente recusou' }));

  const escalated = await openTicket(agent, accountA);
  created(await agent.post(`/tickets/${escalated}/escalation`, { reason: 'É um projeto' }));
  created(await agent.post(`/tickets/${escalated}/project-offer`, { expectedMinutes: 6000, priceCents: 4_500_000 }));

  const ofB = await openTicket(clientB, accountB);
  created(await clientB.post(`/tickets/${ofB}/cancellation`, { reason: 'Resolvido sozinho' }));
  created(await manager.post(`/calendars/br-national/holidays`, { date: '2026-12-24', name: 'Véspera de Natal' }));
  created(await manager.post(`/accounts/${accountB}/cancellation`, { reason: 'Fim do contrato' }));
  return { ...cast, tickets: [delivered, rejected, escalated, ofB] };
}
