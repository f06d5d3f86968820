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
  let held = false;
  for (const wait of promise.waits) {
    const from = instant(wait.from);
    if (!after(due, from)) break;
    const minutes = businessMinutesBetween(calendar, from, wait.until ? instant(wait.until) : asOf);
    waited += minutes;
    due = addBusinessMinutes(calendar, due, minutes);
    held = !wait.until;
  }
  return { due, waited, held };
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

/** What a timer's deadline depends on: its due time, status, and whether a wait on the client holds it. */
export interface SlaDue {
  readonly kind: SlaKind;
  readonly due: Temporal.Instant;
  readonly status: SlaStatus;
  /** A wait on the client is open (the due time still moves). */
  readonly waiting: boolean;
}

const firstResponseDue = (state: OpenedTicket, calendar: BusinessCalendar, now: Temporal.Instant): SlaDue => {
  const facts = state.sla.firstResponse;
  const due = addBusinessMinutes(calendar, instant(facts.startedAt), facts.targetMinutes);
  const status = statusOf(state, 'firstResponse', due, { endedAt: facts.endedAt, met: facts.end === 'responded' }, now);
  return { kind: 'firstResponse', due, status, waiting: false };
};

const promiseDue = (state: OpenedTicket, promise: DeliveryPromiseFacts, calendar: BusinessCalendar, now: Temporal.Instant) => {
  const asOf = promise.endedAt ? instant(promise.endedAt) : now;
  const { due, waited, held } = deliveryPromiseDue(promise, calendar, asOf);
  // A wait on the client that began before the due time holds the timer: it cannot pass its due while the wait lasts
  // (outside business hours the moved due stands still at the day's close while the clock runs on).
  const status = held && !promise.endedAt ? 'running' : statusOf(state, 'deliveryPromise', due, { endedAt: promise.endedAt, met: promise.end === 'delivered' }, now);
  const waiting = promise.waits.some((wait) => !wait.until);
  return { slaDue: { kind: 'deliveryPromise', due, status, waiting } satisfies SlaDue, asOf, waited };
};

/**
 * The due time and status of each of the ticket's timers at `now`, without the elapsed-time sums of `slaTimers`
 * (a deadline needs only these).
 */
export const slaDues = (state: TicketState, calendar: BusinessCalendar, now: Temporal.Instant): SlaDue[] => {
  if (state.status === 'notOpened') return [];
  const promise = state.sla.deliveryPromise;
  const first = firstResponseDue(state, calendar, now);
  return promise ? [first, promiseDue(state, promise, calendar, now).slaDue] : [first];
};

const timer = ({ kind, due, status, waiting }: SlaDue, target: number, elapsed: number): SlaTimer => ({
  kind, dueAt: formatInstant(due), targetMinutes: target, elapsedMinutes: elapsed,
  remainingMinutes: Math.max(0, target - elapsed), paused: status === 'running' && waiting,
  atRisk: status === 'running' && elapsed * 5 >= target * 4, status,
});

const firstResponseTimer = (state: OpenedTicket, calendar: BusinessCalendar, now: Temporal.Instant): SlaTimer => {
  const facts = state.sla.firstResponse;
  const asOf = facts.endedAt ? instant(facts.endedAt) : now;
  const elapsed = businessMinutesBetween(calendar, instant(facts.startedAt), asOf);
  return timer(firstResponseDue(state, calendar, now), facts.targetMinutes, elapsed);
};

const deliveryPromiseTimer = (state: OpenedTicket, promise: DeliveryPromiseFacts, calendar: BusinessCalendar, now: Temporal.Instant): SlaTimer => {
  const start = instant(promise.estimatedAt);
  const { slaDue, asOf, waited } = promiseDue(state, promise, calendar, now);
  const target = businessMinutesBetween(calendar, start, instant(promise.expectedDeliveryAt));
  const elapsed = Math.max(0, businessMinutesBetween(calendar, start, asOf) - waited);
  return timer(slaDue, target, elapsed);
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
