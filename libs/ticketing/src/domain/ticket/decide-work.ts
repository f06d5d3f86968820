import { Temporal } from 'temporal-polyfill';
import { assertDateInRange } from '#calendar';
import type { CorrectTimeEntry, DeliverTicket, LogTime } from './commands.js';
import { timeActivities, type TicketDelivered, type TimeEntryCorrected, type TimeLogged } from './events.js';
import { fail, requireNotFinished, requireOpened, requirePositiveMinutes, requireRole, requireStatus, requireText } from './errors.js';
import type { TicketState, TimeEntry } from './state.js';
import { requireWithinApprovedEstimate } from './decide-overrun.js';

/** Work is authorized from an accepted estimate until close, including after delivery. */
const WORK_AUTHORIZED = ['inProgress', 'delivered'] as const;

const requireDate = (value: string): string => {
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && (() => {
    try { return Temporal.PlainDate.from(value, { overflow: 'reject' }).toString() === value; } catch { return false; }
  })();
  if (!valid) fail('PERFORMED_ON_MUST_BE_A_DATE', 'performedOn must be a date YYYY-MM-DD.', { performedOn: value });
  return assertDateInRange(value, 'performedOn');
};

const sameEntry = (a: TimeEntry, b: LogTime['data']) =>
  a.minutes === b.minutes && a.activity === b.activity && a.performedOn === b.performedOn && a.note === (b.note ?? '').trim();

export const logTime = (command: LogTime, state: TicketState): TimeLogged[] => {
  const { data, by, now } = command;
  requireOpened(state);
  const existing = state.entries[data.entryId];
  if (existing) {
    if (sameEntry(existing, data)) return [];
    fail('TIME_ENTRY_ID_ALREADY_USED', 'Another entry already has this id.', { entryId: data.entryId });
  }
  requireNotFinished(state);
  requireRole(by, ['agent'], 'ONLY_AGENT_MAY_LOG_TIME');
  requireStatus(state, WORK_AUTHORIZED, 'TIME_MAY_BE_LOGGED_ONLY_WHILE_WORK_IS_AUTHORIZED');
  const minutes = requirePositiveMinutes(data.minutes, 'LOGGED_MINUTES_MUST_BE_POSITIVE');
  if (!timeActivities.includes(data.activity)) fail('UNKNOWN_TIME_ACTIVITY', 'Unknown activity.', { activity: data.activity });
  requireWithinApprovedEstimate(state, command.rules, minutes);
  return [{
    type: 'TimeLogged',
    data: {
      ticketId: state.ticketId, entryId: requireText(data.entryId, 'TIME_ENTRY_ID_REQUIRED'), minutes,
      activity: data.activity, performedOn: requireDate(data.performedOn), note: (data.note ?? '').trim(), loggedAt: now.toString(),
    },
  }];
};

export const correctTimeEntry = (command: CorrectTimeEntry, state: TicketState): TimeEntryCorrected[] => {
  const { data, by, now } = command;
  requireOpened(state);
  const existing = state.corrections[data.correctionId];
  if (existing) {
    if (existing.entryId === data.entryId && existing.minutesDelta === data.minutesDelta) return [];
    fail('CORRECTION_ID_ALREADY_USED', 'Another correction already has this id.', { correctionId: data.correctionId });
  }
  requireNotFinished(state);
  requireRole(by, ['agent', 'manager'], 'ONLY_STAFF_MAY_CORRECT_TIME');
  if (!state.entries[data.entryId]) fail('TIME_ENTRY_NOT_FOUND', 'There is no such time entry.', { entryId: data.entryId });
  if (!Number.isSafeInteger(data.minutesDelta) || data.minutesDelta === 0) {
    fail('CORRECTION_MUST_CHANGE_WHOLE_MINUTES', 'A correction changes a whole, non-zero number of minutes.');
  }
  if (state.loggedMinutes + data.minutesDelta < 0) {
    fail('CORRECTION_WOULD_MAKE_TOTAL_NEGATIVE', 'The ticket total cannot go below zero.', { loggedMinutes: state.loggedMinutes });
  }
  requireWithinApprovedEstimate(state, command.rules, data.minutesDelta);
  return [{
    type: 'TimeEntryCorrected',
    data: {
      ticketId: state.ticketId, correctionId: data.correctionId, entryId: data.entryId, minutesDelta: data.minutesDelta,
      reason: requireText(data.reason, 'CORRECTION_REASON_REQUIRED'), correctedAt: now.toString(),
    },
  }];
};

export const deliver = (command: DeliverTicket, state: TicketState): TicketDelivered[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['agent'], 'ONLY_AGENT_MAY_DELIVER');
  requireStatus(state, ['inProgress'], 'DELIVERY_NEEDS_AUTHORIZED_WORK');
  const summary = requireText(command.data.summary, 'DELIVERY_SUMMARY_REQUIRED');
  return [{ type: 'TicketDelivered', data: { ticketId: state.ticketId, summary, deliveredAt: command.now.toString() } }];
};
