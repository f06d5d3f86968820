import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { periodOf } from '#calendar';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { NewEvent } from '#kernel';
import { DownstreamModule } from '../../../apps/api/src/feed/downstream.module.js';
import { ApiHarness } from '../../e2e/support/harness.js';
import { castOf, created, numbered, settle, type Cast } from '../../e2e/support/hour-bank-fixtures.js';

export const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

export const startApi = (options: { testClock?: boolean } = {}) => ApiHarness.start({ imports: [DownstreamModule], ...options });

/**
 * The cast with accounts from this month (the real clock runs here): one lot, far from expiring and well above the
 * low-balance threshold, so the account's alerts (issue 15) add no mail and the mails counted are the tickets'.
 */
export const castOfThisMonth = (api: ApiHarness): Promise<Cast> =>
  castOf(api, { firstPeriod: periodOf(Temporal.Now.instant(), 'America/Sao_Paulo') });

/** A ticket asked for clarification, then estimated over anything the balance can hold (12 START lots and more): two due mails. */
export async function ticketWithTwoDueMails(
  cast: Cast, client = cast.clientA, accountId = cast.accountA, title = 'Relatório de vendas não abre', estimatedMinutes = 5000,
): Promise<string> {
  const ticket = created(await client.post('/tickets', { accountId, title, description: 'Erro ao abrir.', category: 'support' })).id;
  await numbered(client, ticket);
  created(await cast.agent.post(`/tickets/${ticket}/clarification-requests`, { question: 'Qual relatório, e desde quando?' }));
  created(await client.post(`/tickets/${ticket}/clarifications`, { answer: 'O de vendas, desde segunda.' }));
  created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: estimatedMinutes, expectedDeliveryAt: '2030-03-15T20:30:00Z' }));
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
 * A stand-in for what the scheduler records (an SLA breach on the ticket stream, the ticketing type), then a real
 * issue through the API (test clock on) of the month the test ran in, once the clock is moved into the next one:
 * the notifier attaches its PDF.
 */
export async function recordBreachAndReport(api: ApiHarness, cast: Cast, ticket: string, accountId: string): Promise<{ period: string; pdfHash: string }> {
  const store = api.app.get<EventStore>(EVENT_STORE);
  await store.append(`ticket-${ticket}`, [systemEvent('hourbank.ticket.sla-breached.v1', { ticketId: ticket, kind: 'firstResponse', dueAt: '2030-03-12T12:00:00Z' })], 'any');
  await settle(cast.manager);
  const today = Temporal.Now.zonedDateTimeISO('America/Sao_Paulo').toPlainDate();
  const period = today.toString().slice(0, 7);
  created(await cast.manager.post('/admin/clock', { now: today.with({ day: 1 }).add({ months: 1, days: 1 }).toZonedDateTime({ timeZone: 'America/Sao_Paulo', plainTime: '12:00' }).toInstant().toString() }));
  await settle(cast.manager);
  const issue = created(await cast.manager.post(`/accounts/${accountId}/reports/${period}/issue`));
  return { period, pdfHash: issue.formatHashes.pdf };
}

export { castOf };
