import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { RecordSlaBreach } from '../ticket/commands.js';
import { dueTicketFacts } from '../ticket/due-facts.js';
import type { SlaBreached, SlaKind, TicketEvent } from '../ticket/events.js';
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

/** Sent by the scheduler: the breach is recorded with its due time, with the facts due before it, however late. */
export const recordSlaBreach = (command: RecordSlaBreach, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  const { kind } = command.data;
  const timer = slaTimers(state, command.rules.calendar, command.now)[kind];
  if (timer?.status === 'running') {
    fail('SLA_DUE_TIME_NOT_PASSED', 'The due time has not passed yet.', { kind, dueAt: timer.dueAt });
  }
  return dueTicketFacts(state, command.now, command.rules);
};
