import { isWithin } from './lot-ledger.js';
import type { TicketOutcome } from './monthly-report.js';
import { type ReportEvent, type SlaBreachedFact, type TicketEndedFact, type TicketOpenedFact, factOf } from './report-facts.js';
import type { Temporal } from 'temporal-polyfill';

type DeliveryPromise = { readonly state: 'none' | 'running' | 'stopped' } | { readonly state: 'delivered'; readonly at: string };

/** What the report needs to know of one ticket, read from its own events. */
export interface TicketSummary {
  readonly ticketId: string;
  readonly opened?: TicketOpenedFact;
  readonly ended?: { readonly outcome: TicketOutcome; readonly at: string; readonly fact: TicketEndedFact };
  /** The first event that stopped the first-response timer; `met` false for a client's own cancellation. */
  readonly firstResponse?: { readonly at: string; readonly met: boolean };
  readonly promise: DeliveryPromise;
  readonly breaches: readonly SlaBreachedFact[];
  /** The human number (#1042), once the ticket's stream records it. */
  readonly number?: number;
}

const endings: Readonly<Record<string, { outcome: TicketOutcome; at: keyof TicketEndedFact }>> = {
  TicketClosed: { outcome: 'closed', at: 'closedAt' },
  TicketCancelled: { outcome: 'cancelled', at: 'cancelledAt' },
  TicketEscalated: { outcome: 'escalated', at: 'escalatedAt' },
};

/** Events that answer the client first, with the payload field holding when. */
const firstResponders: Readonly<Record<string, string>> = {
  ClarificationRequested: 'requestedAt', TicketEstimated: 'estimatedAt', TicketEscalated: 'escalatedAt', TicketCancelled: 'cancelledAt',
};

const respond = (summary: TicketSummary, event: ReportEvent): TicketSummary => {
  const field = firstResponders[event.type];
  if (!field || summary.firstResponse) return summary;
  const data = event.data as Record<string, string>;
  const byClient = event.type === 'TicketCancelled' && data.cancelledBy === 'client';
  return { ...summary, firstResponse: { at: data[field]!, met: !byClient } };
};

/** The latest estimate before the first delivery makes the promise; the first delivery keeps it. */
const promise = (current: DeliveryPromise, event: ReportEvent): DeliveryPromise => {
  if (current.state === 'delivered') return current;
  if (event.type === 'TicketEstimated') return { state: 'running' };
  if (current.state !== 'running') return current;
  if (event.type === 'TicketDelivered') return { state: 'delivered', at: factOf<{ deliveredAt: string }>(event).deliveredAt };
  if (event.type === 'EstimateRejected' || endings[event.type]) return { state: 'stopped' };
  return current;
};

const step = (summary: TicketSummary, event: ReportEvent): TicketSummary => {
  const next = { ...respond(summary, event), promise: promise(summary.promise, event) };
  const ending = endings[event.type];
  if (event.type === 'TicketOpened') return { ...next, opened: factOf<TicketOpenedFact>(event) };
  if (event.type === 'SlaBreached') return { ...next, breaches: [...next.breaches, factOf<SlaBreachedFact>(event)] };
  if (event.type === 'TicketNumbered') return { ...next, number: factOf<{ number: number }>(event).number };
  if (ending) {
    const fact = factOf<TicketEndedFact>(event);
    return { ...next, ended: { outcome: ending.outcome, at: fact[ending.at] as string, fact } };
  }
  return next;
};

export const summarizeTicket = (events: readonly ReportEvent[]): TicketSummary | undefined => {
  const first = events[0];
  if (!first) return undefined;
  const ticketId = (first.data as { ticketId: string }).ticketId;
  return events.reduce(step, { ticketId, promise: { state: 'none' }, breaches: [] } as TicketSummary);
};

const breached = (summary: TicketSummary, kind: SlaBreachedFact['kind']) => summary.breaches.some((b) => b.kind === kind);

/** Met in the period: stopped in time within it, with no breach recorded for that timer. */
export const metIn = (summary: TicketSummary, from: Temporal.Instant, until: Temporal.Instant) => ({
  firstResponse: !!summary.firstResponse?.met && isWithin(summary.firstResponse.at, from, until) && !breached(summary, 'firstResponse'),
  deliveryPromise: summary.promise.state === 'delivered' && isWithin(summary.promise.at, from, until) && !breached(summary, 'deliveryPromise'),
});
