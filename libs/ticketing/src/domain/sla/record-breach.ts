import type { BusinessCalendar } from '#calendar';
import type { RecordSlaAtRisk, RecordSlaBreach } from '../ticket/commands.js';
import { Temporal } from 'temporal-polyfill';
import { slaRisks } from './sla-risk.js';
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

/** Sent by the scheduler at the instant a timer reaches 80 %: recorded then, with the facts due before it. */
export const recordSlaAtRisk = (command: RecordSlaAtRisk, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  const risk = slaRisks(state, command.rules.calendar).find((candidate) => candidate.kind === command.data.kind);
  if (risk && Temporal.Instant.compare(risk.atRiskAt, command.now) > 0) {
    fail('SLA_NOT_AT_RISK_YET', 'The timer has not reached 80 % yet.', { kind: command.data.kind, atRiskAt: risk.event.data.atRiskAt });
  }
  return dueTicketFacts(state, command.now, command.rules);
};
