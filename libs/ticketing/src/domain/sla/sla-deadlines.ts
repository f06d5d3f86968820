import { Temporal } from 'temporal-polyfill';
import { addBusinessMinutes, dailyBusinessMinutes, type BusinessCalendar } from '#calendar';
import { DEFAULT_AUTO_CLOSE_BUSINESS_DAYS } from '../ticket/commands.js';
import type { SlaKind } from '../ticket/events.js';
import type { TicketState } from '../ticket/state.js';
import { formatInstant, parseInstant } from './iso-instant.js';
import { slaDues } from './sla-timers.js';

export interface SlaDeadline {
  readonly kind: SlaKind;
  readonly dueAt: string;
  /** A breach exists only once the due time has passed: the first millisecond after it. */
  readonly fireAt: string;
}

/**
 * When the scheduler should send RecordSlaBreach for each timer still able to breach (or breached
 * and not yet recorded). A paused timer has no deadline: its due time moves until the client answers,
 * so the scheduler asks again after the ticket's next event.
 */
export const nextSlaDeadlines = (state: TicketState, calendar: BusinessCalendar, now: Temporal.Instant): SlaDeadline[] => {
  if (state.status === 'notOpened') return [];
  return slaDues(state, calendar, now)
    .filter(({ kind, status, waiting }) => (status === 'running' && !waiting) || (status === 'breached' && !state.sla.breaches[kind]))
    .map(({ kind, due }) => ({ kind, dueAt: formatInstant(due), fireAt: formatInstant(due.add({ milliseconds: 1 })) }));
};

/** When a delivered ticket with no answer closes by itself; undefined unless it waits on acceptance. */
export const autoCloseDueAt = (
  state: TicketState, calendar: BusinessCalendar, businessDays = DEFAULT_AUTO_CLOSE_BUSINESS_DAYS,
): Temporal.Instant | undefined => {
  if (state.status !== 'delivered' || !state.deliveredAt) return undefined;
  const minutes = businessDays * dailyBusinessMinutes(calendar);
  return addBusinessMinutes(calendar, parseInstant(state.deliveredAt), minutes);
};
