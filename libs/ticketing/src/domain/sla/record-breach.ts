import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { RecordSlaBreach } from '../ticket/commands.js';
import type { SlaBreached, SlaKind } from '../ticket/events.js';
import { fail, requireOpened } from '../ticket/errors.js';
import type { OpenedTicket, TicketState } from '../ticket/state.js';
import { slaTimers } from './sla-timers.js';

/** The breach of a timer whose due time has passed unmet and is not yet recorded; none otherwise. */
export const unrecordedBreach = (
  state: OpenedTicket, kind: SlaKind, calendar: BusinessCalendar, now: Temporal.Instant,
): SlaBreached[] => {
  const timer = slaTimers(state, calendar, now)[kind];
  if (!timer || timer.status !== 'breached' || state.sla.breaches[kind]) return [];
  return [{ type: 'SlaBreached', data: { ticketId: state.ticketId, kind, dueAt: timer.dueAt } }];
};

export const recordSlaBreach = (command: RecordSlaBreach, state: TicketState): SlaBreached[] => {
  requireOpened(state);
  const { kind, calendar } = command.data;
  const timer = slaTimers(state, calendar, command.now)[kind];
  if (timer?.status === 'running') {
    fail('SLA_DUE_TIME_NOT_PASSED', 'The due time has not passed yet.', { kind, dueAt: timer.dueAt });
  }
  return unrecordedBreach(state, kind, calendar, command.now);
};
