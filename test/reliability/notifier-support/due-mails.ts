import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { periodOf } from '#calendar';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { NewEvent } from '#kernel';
import { DownstreamModule } from '../../../apps/api/src/feed/downstream.module.js';
import { ApiHarness } from '../../e2e/support/harness.js';
import { castOf, created, numbered, type Cast } from '../../e2e/support/hour-bank-fixtures.js';

export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

export const startApi = () => ApiHarness.start({ imports: [DownstreamModule] });

/**
 * The cast with accounts from this month (the real clock runs here): one lot, far from expiring and well above the
 * low-balance threshold, so the account's alerts (issue 15) add no mail and the mails counted are the tickets'.
 */
export const castOfThisMonth = (api: ApiHarness): Promise<Cast> =>
  castOf(api, { firstPeriod: periodOf(Temporal.Now.instant(), 'America/Sao_Paulo') });

/** A ticket asked for clarification, then estimated over anything the balance can hold (12 START lots and more): two due mails. */
export async function ticketWithTwoDueMails(cast: Cast, client = cast.clientA, accountId = cast.accountA, title = 'Relatório de vendas não abre'): Promise<string> {
  const ticket = created(await client.post('/tickets', { accountId, title, description: 'Erro ao abrir.', category: 'support' })).id;
  await numbered(client, ticket);
  created(await cast.agent.post(`/tickets/${ticket}/clarification-requests`, { question: 'Qual relatório, e desde quando?' }));
  created(await client.post(`/tickets/${ticket}/clarifications`, { answer: 'O de vendas, desde segunda.' }));
  created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 5000, expectedDeliveryAt: '2030-03-15T20:30:00Z' }));
  return ticket;
}

export async function approveAndDeliver(cast: Cast, ticket: string): Promise<void> {
  created(await cast.clientA.post(`/tickets/${ticket}/approval`, { decision: 'approve' }));
  created(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 95, activity: 'development', performedOn: inDays(0).slice(0, 10) }));
  created(await cast.agent.post(`/tickets/${ticket}/delivery`, { summary: 'Índice criado na tabela de vendas.' }));
}

const systemEvent = (type: string, data: Record<string, unknown>): NewEvent => ({
  id: randomUUID(), type, data, metadata: { actor: 'system', role: 'system', correlationId: randomUUID(), occurredAt: new Date().toISOString() },
});

/**
 * Stand-ins for what the scheduler and the reporting context record: an SLA breach on the ticket
 * stream (the ticketing type) and a report issue (the provisional published contract).
 */
export async function recordBreachAndReport(api: ApiHarness, ticket: string, accountId: string): Promise<void> {
  const store = api.app.get<EventStore>(EVENT_STORE);
  await store.append(`ticket-${ticket}`, [systemEvent('hourbank.ticket.sla-breached.v1', { ticketId: ticket, kind: 'firstResponse', dueAt: '2030-03-12T12:00:00Z' })], 'any');
  const head = (await store.status()).headPosition ?? 0;
  await store.append(`report-${accountId}-2030-02`, [systemEvent('hourbank.report.issued.v1', {
    accountId, period: '2030-02', contentHash: 'sha256:9f2c', position: head, issuedAt: new Date().toISOString(),
  })], 'no_stream');
}

export { castOf };
