import type { TestClock } from '#platform';
import type { WorkerRuntime } from '../../../apps/worker/src/worker-runtime.js';
import type { HttpClient } from '../../e2e/support/http-client.js';

/** mulberry32: a small seeded generator, so a failing scenario can be replayed. */
export const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export interface Cast {
  manager: HttpClient;
  agent: HttpClient;
  clients: Record<string, HttpClient>;
}

/** One random step over HTTP: a plausible command for a random ticket or account, or time moving on. */
export const step = async (cast: Cast, tickets: Map<string, string>, random: () => number, worker: WorkerRuntime, clock: TestClock) => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const accounts = Object.keys(cast.clients);
  const roll = random();
  if (roll < 0.2) return worker.advanceTo(clock, clock.now().add({ hours: 1 + Math.floor(random() * 300) }));
  if (roll < 0.32) {
    const accountId = pick(accounts);
    const body = { accountId, title: 'Demanda', description: 'Algo a fazer', category: pick(['support', 'consulting', 'investigation']) };
    const opened = await cast.clients[accountId]!.post('/tickets', body);
    if (opened.status === 201) tickets.set(opened.body.id, accountId);
    return;
  }
  if (roll < 0.35) return cast.manager.post(`/accounts/${pick(accounts)}/packages`, { minutes: 60 + Math.floor(random() * 600) });
  if (roll < 0.37) return cast.manager.post(`/accounts/${pick(accounts)}/adjustments`, { minutes: -30 + Math.floor(random() * 90) || 5, reason: 'Acerto' });
  const open = [...tickets.keys()];
  if (open.length === 0) return;
  const id = pick(open);
  const client = cast.clients[tickets.get(id)!]!;
  const ticket = (await cast.agent.get(`/tickets/${id}`)).body;
  const later = clock.now().add({ hours: 4 + Math.floor(random() * 200) }).toString();
  const day = clock.now().toZonedDateTimeISO('America/Sao_Paulo').toPlainDate().toString();
  // An investigation is consultative: its first estimate agrees an execution plan (issue 15).
  const plan = ticket.category === 'investigation' ? { executionPlan: { plan: 'Investigar e relatar', executedBy: 'technician' } } : {};
  // Time past the approved estimate and its 10 % margin is asked of the client first (the overrun rule, issue 15).
  const logOrAskForMore = (minutes: number) => {
    const estimate = ticket.estimate?.estimatedMinutes ?? 0;
    const room = estimate + Math.floor(estimate / 10) - ticket.loggedMinutes;
    return minutes <= room
      ? cast.agent.post(`/tickets/${id}/time-entries`, { minutes, activity: 'development', performedOn: day })
      : cast.agent.post(`/tickets/${id}/overrun-requests`, { additionalMinutes: minutes - Math.max(room, 0), reason: 'Mais trabalho' });
  };
  const choices: Record<string, (() => Promise<unknown>)[]> = {
    open: [() => cast.agent.post(`/tickets/${id}/estimate`, { minutes: 30 + Math.floor(random() * 900), expectedDeliveryAt: later, ...plan }),
      () => cast.agent.post(`/tickets/${id}/clarification-requests`, { question: 'Qual tela?' })],
    awaitingClarification: [() => client.post(`/tickets/${id}/clarifications`, { answer: 'A de vendas' })],
    awaitingApproval: [() => client.post(`/tickets/${id}/approval`, { decision: 'approve' }),
      () => client.post(`/tickets/${id}/approval`, { decision: 'reject', reason: 'Caro' })],
    rejected: [() => cast.agent.post(`/tickets/${id}/estimate`, { minutes: 20 + Math.floor(random() * 200), expectedDeliveryAt: later }),
      () => cast.agent.post(`/tickets/${id}/cancellation`, { reason: 'Desistiu' })],
    inProgress: [() => logOrAskForMore(10 + Math.floor(random() * 240)),
      () => cast.agent.post(`/tickets/${id}/delivery`, { summary: 'Pronto' }),
      () => cast.agent.post(`/tickets/${id}/escalation`, { reason: 'Virou projeto' })],
    delivered: [() => client.post(`/tickets/${id}/acceptance`, {}), () => client.post(`/tickets/${id}/revision-requests`, { reason: 'Falta um campo' })],
  };
  const options = choices[ticket.status as string];
  if (!options) return void tickets.delete(id);
  await pick(options)();
};

/** Three accounts (START, BASIC, ADVANCED) from 2026-01 and their clients, for a random scenario of `steps` steps. */
export async function randomScenario(manager: HttpClient, agent: HttpClient, asClient: (sub: string, accountId: string) => Promise<HttpClient>,
  worker: WorkerRuntime, clock: TestClock, seed: number, steps: number): Promise<void> {
  const clients: Record<string, HttpClient> = {};
  for (const plan of ['START', 'BASIC', 'ADVANCED']) {
    const opened = await manager.post('/accounts', { clientName: `Cliente ${plan}`, plan, firstPeriod: '2026-01', overageRateCentsPerHour: 12000 });
    clients[opened.body.id] = await asClient(`client-${plan}`, opened.body.id);
  }
  const cast = { manager, agent, clients };
  const random = seeded(seed);
  const tickets = new Map<string, string>();
  for (let i = 0; i < steps; i++) await step(cast, tickets, random, worker, clock);
  await worker.settle();
}
