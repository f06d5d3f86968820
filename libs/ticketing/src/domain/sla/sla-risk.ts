import { Temporal } from 'temporal-polyfill';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '#calendar';
import type { SlaKind } from '../ticket/events.js';
import type { SlaAtRisk } from '../ticket/service-events.js';
import { isFinished, type OpenedTicket } from '../ticket/state.js';
import { formatInstant, parseInstant } from './iso-instant.js';
import { deliveryPromiseDue } from './sla-timers.js';

/** A running timer is at risk from the instant 80 % of its target has elapsed (elapsed × 5 ≥ target × 4). */
const riskMinutes = (target: number): number => Math.ceil((target * 4) / 5);

export interface SlaRisk {
  readonly kind: SlaKind;
  readonly atRiskAt: Temporal.Instant;
  readonly event: SlaAtRisk;
}

/** Still running at `at`: not stopped before it (a stop at that very instant comes after the time-triggered facts). */
const runningAt = (endedAt: string | undefined, at: Temporal.Instant) => endedAt === undefined || Temporal.Instant.compare(parseInstant(endedAt), at) >= 0;

const riskOf = (state: OpenedTicket, kind: SlaKind, atRiskAt: Temporal.Instant, due: Temporal.Instant): SlaRisk => ({
  kind, atRiskAt, event: { type: 'SlaAtRisk', data: { ticketId: state.ticketId, kind, dueAt: formatInstant(due), atRiskAt: formatInstant(atRiskAt) } },
});

const firstResponseRisk = (state: OpenedTicket, calendar: BusinessCalendar): SlaRisk | undefined => {
  const facts = state.sla.firstResponse;
  if (state.sla.atRisk?.firstResponse !== undefined || state.sla.breaches.firstResponse) return undefined;
  const start = parseInstant(facts.startedAt);
  const atRiskAt = addBusinessMinutes(calendar, start, riskMinutes(facts.targetMinutes));
  if (!runningAt(facts.endedAt, atRiskAt)) return undefined;
  return riskOf(state, 'firstResponse', atRiskAt, addBusinessMinutes(calendar, start, facts.targetMinutes));
};

/**
 * The promise's at-risk instant moves later by the client's waits like its due time; while a wait that began before
 * it is still open the instant is not known yet (no fact until the client answers).
 */
const deliveryPromiseRisk = (state: OpenedTicket, calendar: BusinessCalendar): SlaRisk | undefined => {
  const promise = state.sla.deliveryPromise;
  if (!promise || state.sla.atRisk?.deliveryPromise === promise.estimatedAt || state.sla.breaches.deliveryPromise) return undefined;
  const start = parseInstant(promise.estimatedAt);
  const target = businessMinutesBetween(calendar, start, parseInstant(promise.expectedDeliveryAt));
  const mark = formatInstant(addBusinessMinutes(calendar, start, riskMinutes(target)));
  const { due: atRiskAt } = deliveryPromiseDue({ ...promise, expectedDeliveryAt: mark }, calendar, start);
  const open = promise.waits.find((wait) => !wait.until);
  if (open && Temporal.Instant.compare(parseInstant(open.from), atRiskAt) < 0) return undefined;
  if (!runningAt(promise.endedAt, atRiskAt)) return undefined;
  return riskOf(state, 'deliveryPromise', atRiskAt, deliveryPromiseDue(promise, calendar, atRiskAt).due);
};

/**
 * The timers' at-risk facts not recorded yet, whenever due (past or future); each once per timer. A ticket that ended
 * has none left: every command writes the facts already due before it, so only tickets from before these alerts
 * existed could end with one unwritten, and those are not alerted now.
 */
export const slaRisks = (state: OpenedTicket, calendar: BusinessCalendar): SlaRisk[] =>
  isFinished(state) ? [] : [firstResponseRisk(state, calendar), deliveryPromiseRisk(state, calendar)].filter((risk): risk is SlaRisk => risk !== undefined);
