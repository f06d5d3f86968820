import { Temporal } from 'temporal-polyfill';
import type { HttpClient } from '../../e2e/support/http-client.js';
import { type Step, actionOf, targets } from './plan.js';
import type { Who } from './run.js';

/** One HTTP request of the history, sent alike to both runs. */
export interface Request {
  readonly who: Who;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: object;
}

const DAY_MS = 86_400_000;
const localDate = (at: Temporal.Instant) => at.toZonedDateTimeISO('America/Sao_Paulo').toPlainDate().toString();

/** The live tickets in the statuses the action applies to, as the on-time run shows them now. */
async function candidates(reader: HttpClient, tickets: readonly string[], statuses: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const id of tickets) if (statuses.includes((await reader.get(`/tickets/${id}`)).body.status)) found.push(id);
  return found;
}

const accountRequest = (action: string, accountId: string, { pick, amount }: Step): Request | undefined => {
  if (action === 'open') return { who: 'client', method: 'POST', path: '/tickets', body: { accountId, title: 'Demanda', description: 'Ajustar o relatório', category: 'support' } };
  if (action === 'package') return { who: 'manager', method: 'POST', path: `/accounts/${accountId}/packages`, body: { minutes: 60 + Math.floor(amount * 540) } };
  if (action === 'adjust') {
    const minutes = (pick < 0.6 ? 1 : -1) * (10 + Math.floor(amount * 100));
    return { who: 'manager', method: 'POST', path: `/accounts/${accountId}/adjustments`, body: { minutes, reason: 'Acerto' } };
  }
  if (action === 'changePlan') return { who: 'manager', method: 'PUT', path: `/accounts/${accountId}/plan`, body: { plan: ['START', 'BASIC', 'ADVANCED'][Math.floor(pick * 3)] } };
  return undefined;
};

const ticketRequest = (action: string, ticket: string, { pick, amount }: Step, at: Temporal.Instant): Request | undefined => {
  const on = (who: Who, path: string, body: object = {}): Request => ({ who, method: 'POST', path: `/tickets/${ticket}/${path}`, body });
  switch (action) {
    case 'estimate': {
      const expectedDeliveryAt = Temporal.Instant.fromEpochMilliseconds(at.epochMilliseconds + (1 + Math.floor(pick * 7)) * DAY_MS).toString();
      return on('agent', 'estimate', { minutes: 30 + Math.floor(amount * 870), expectedDeliveryAt });
    }
    case 'decide': return on('client', 'approval', amount < 0.75 ? { decision: 'approve' } : { decision: 'reject', reason: 'Caro' });
    case 'log': return on('agent', 'time-entries', { minutes: 30 + Math.floor(amount * 570), activity: 'development', performedOn: localDate(at) });
    case 'deliver': return on('agent', 'delivery', { summary: 'Pronto' });
    case 'cancel': return on('agent', 'cancellation', { reason: 'Desistiu' });
    case 'answer':
      if (amount < 0.4) return on('client', 'acceptance');
      return amount < 0.6 ? on('client', 'revision-requests', { reason: 'Falta um campo' }) : undefined; // no answer: it closes itself
    default: return undefined;
  }
};

/**
 * HOURBANK_OVERRUN_MARGIN_PERCENT of both runs: wide, so time logged still passes the balance often enough for
 * shortfalls and invoices (what the property compares); past it the agent asks the client first.
 */
export const OVERRUN_MARGIN_PERCENT = 300;

/**
 * Time that would pass the approved estimate and its margin: during work the agent asks the client for it (an
 * overrun request, decided by a later 'decide' step); after delivery only what still fits is logged.
 */
const withinApproval = (request: Request, ticket: { status: string; loggedMinutes: number; estimate?: { estimatedMinutes: number } }): Request => {
  const estimate = ticket.estimate?.estimatedMinutes ?? 0;
  const room = estimate + Math.floor((estimate * OVERRUN_MARGIN_PERCENT) / 100) - ticket.loggedMinutes;
  const minutes = (request.body as { minutes: number }).minutes;
  if (minutes <= room) return request;
  if (ticket.status === 'inProgress') return { ...request, path: request.path.replace(/time-entries$/, 'overrun-requests'), body: { additionalMinutes: minutes - Math.max(room, 0), reason: 'Mais trabalho' } };
  return room > 0 ? { ...request, body: { ...request.body, minutes: room } } : request;
};

/** When no ticket suits the action drawn, the step moves some ticket on instead (a history that goes somewhere). */
const fallbacks = ['answer', 'deliver', 'log', 'decide', 'estimate'] as const;

/** What the step does, chosen from the on-time run's state (both runs get the same request). */
export async function requestFor(step: Step, accountId: string, tickets: readonly string[], reader: HttpClient, at: Temporal.Instant) {
  const drawn = actionOf(step.kind);
  if (!targets[drawn]) return accountRequest(drawn, accountId, step);
  for (const action of [drawn, ...fallbacks]) {
    const found = await candidates(reader, tickets, targets[action]!);
    if (found.length === 0) continue;
    const ticket = found[Math.floor(step.pick * found.length)]!;
    const request = ticketRequest(action, ticket, step, at);
    return action === 'log' ? withinApproval(request!, (await reader.get(`/tickets/${ticket}`)).body) : request;
  }
  return accountRequest('open', accountId, step);
}
