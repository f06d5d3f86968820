import { Temporal } from 'temporal-polyfill';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '#calendar';
import type { SlaKind } from '../ticket/events.js';
import { formatInstant, parseInstant } from './iso-instant.js';
import type { DeliveryPromiseFacts, OpenedTicket, TicketState } from '../ticket/state.js';

export type SlaStatus = 'running' | 'met' | 'breached' | 'stopped';

export interface SlaTimer {
  readonly kind: SlaKind;
  readonly dueAt: string;
  readonly targetMinutes: number;
  readonly elapsedMinutes: number;
  readonly remainingMinutes: number;
  readonly paused: boolean;
  readonly atRisk: boolean;
  readonly status: SlaStatus;
}
export type SlaTimers = Readonly<Partial<Record<SlaKind, SlaTimer>>>;

const instant = parseInstant;
const after = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) > 0;

/**
 * The promise's due time as of `asOf`: a wait on the client that begins before the (moving) due
 * pushes it later by the wait's business time; a wait that begins after it cannot repair a broken promise.
 */
export const deliveryPromiseDue = (promise: DeliveryPromiseFacts, calendar: BusinessCalendar, asOf: Temporal.Instant) => {
  let due = instant(promise.expectedDeliveryAt);
  let waited = 0;
  for (const wait of promise.waits) {
    const from = instant(wait.from);
    if (!after(due, from)) break;
    const minutes = businessMinutesBetween(calendar, from, wait.until ? instant(wait.until) : asOf);
    waited += minutes;
    due = addBusinessMinutes(calendar, due, minutes);
  }
  return { due, waited };
};

interface Ending { readonly endedAt?: string; readonly met: boolean }

const statusOf = (state: OpenedTicket, kind: SlaKind, due: Temporal.Instant, ending: Ending, now: Temporal.Instant): SlaStatus => {
  if (state.sla.breaches[kind]) return 'breached';
  if (ending.endedAt) {
    if (after(instant(ending.endedAt), due)) return 'breached';
    return ending.met ? 'met' : 'stopped';
  }
  return after(now, due) ? 'breached' : 'running';
};

const timer = (kind: SlaKind, due: Temporal.Instant, target: number, elapsed: number, status: SlaStatus, paused: boolean): SlaTimer => ({
  kind, dueAt: formatInstant(due), targetMinutes: target, elapsedMinutes: elapsed,
  remainingMinutes: Math.max(0, target - elapsed), paused: status === 'running' && paused,
  atRisk: status === 'running' && elapsed * 5 >= target * 4, status,
});

const firstResponseTimer = (state: OpenedTicket, calendar: BusinessCalendar, now: Temporal.Instant): SlaTimer => {
  const facts = state.sla.firstResponse;
  const start = instant(facts.startedAt);
  const due = addBusinessMinutes(calendar, start, facts.targetMinutes);
  const asOf = facts.endedAt ? instant(facts.endedAt) : now;
  const status = statusOf(state, 'firstResponse', due, { endedAt: facts.endedAt, met: facts.end === 'responded' }, now);
  return timer('firstResponse', due, facts.targetMinutes, businessMinutesBetween(calendar, start, asOf), status, false);
};

const deliveryPromiseTimer = (state: OpenedTicket, promise: DeliveryPromiseFacts, calendar: BusinessCalendar, now: Temporal.Instant): SlaTimer => {
  const start = instant(promise.estimatedAt);
  const asOf = promise.endedAt ? instant(promise.endedAt) : now;
  const { due, waited } = deliveryPromiseDue(promise, calendar, asOf);
  const target = businessMinutesBetween(calendar, start, instant(promise.expectedDeliveryAt));
  const elapsed = Math.max(0, businessMinutesBetween(calendar, start, asOf) - waited);
  const ending = { endedAt: promise.endedAt, met: promise.end === 'delivered' };
  const paused = promise.waits.some((wait) => !wait.until);
  return timer('deliveryPromise', due, target, elapsed, statusOf(state, 'deliveryPromise', due, ending, now), paused);
};

/** The ticket's SLA timers as seen at `now`; a delivery promise exists once an estimate was given. */
export const slaTimers = (state: TicketState, calendar: BusinessCalendar, now: Temporal.Instant): SlaTimers => {
  if (state.status === 'notOpened') return {};
  const promise = state.sla.deliveryPromise;
  return {
    firstResponse: firstResponseTimer(state, calendar, now),
    ...(promise ? { deliveryPromise: deliveryPromiseTimer(state, promise, calendar, now) } : {}),
  };
};
