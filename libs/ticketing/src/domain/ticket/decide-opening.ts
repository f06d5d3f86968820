import { Temporal } from 'temporal-polyfill';
import type { OpenScheduledTicket, OpenTicket, ProvideClarification, RequestClarification } from './commands.js';
import { sessionCategories, ticketCategories, type ClarificationProvided, type ClarificationRequested, type TicketEvent, type TicketOpened } from './events.js';
import { ticketPriorities, type TicketPriority } from './service-events.js';
import {
  fail, requireAccountOpen, requireNotFinished, requireOpened, requirePositiveMinutes, requireRole, requireStatus, requireText,
} from './errors.js';
import type { TicketState } from './state.js';

export const TRAINING_PARTICIPANT_LIMIT = 4;

/** Training and technical follow-up sessions take at most 4 participants (each its own stable code). */
const participantLimitCodes: Readonly<Record<string, string>> = {
  training: 'TRAINING_ALLOWS_AT_MOST_4_PARTICIPANTS', technical_follow_up: 'TECHNICAL_FOLLOW_UP_ALLOWS_AT_MOST_4_PARTICIPANTS',
};

const requireParticipants = (category: OpenTicket['data']['category'], given: readonly string[] | undefined): string[] => {
  const participants = [...(given ?? [])];
  if (sessionCategories.includes(category) && participants.length > TRAINING_PARTICIPANT_LIMIT) {
    fail(participantLimitCodes[category]!, 'A session allows at most 4 participants.', { participants: participants.length });
  }
  return participants;
};

export const requirePriority = (priority: unknown): TicketPriority => {
  if (!ticketPriorities.includes(priority as TicketPriority)) fail('UNKNOWN_TICKET_PRIORITY', 'Unknown priority.', { priority });
  return priority as TicketPriority;
};

/** A priority other than the default is recorded right after the opening. */
const priorityAtOpening = (ticketId: string, priority: TicketPriority | undefined, at: string): TicketEvent[] =>
  priority === undefined || priority === 'normal' ? [] : [{ type: 'TicketPriorityChanged', data: { ticketId, priority, previousPriority: 'normal', changedAt: at } }];

export const open = (command: OpenTicket, state: TicketState): TicketEvent[] => {
  const { data, by, now } = command;
  if (state.status !== 'notOpened') fail('TICKET_ALREADY_OPENED', 'This ticket is already open.');
  requireRole(by, ['client', 'agent'], 'ONLY_CLIENT_OR_AGENT_MAY_OPEN_TICKET');
  requireAccountOpen(data.accountId, data.accountStatus);
  if (!ticketCategories.includes(data.category)) fail('UNKNOWN_TICKET_CATEGORY', 'Unknown category.', { category: data.category });
  if (data.category === 'recurring_maintenance') fail('MAINTENANCE_TICKETS_ARE_OPENED_BY_THEIR_SCHEDULE', 'Schedule the maintenance on the account instead.');
  const priority = data.priority === undefined ? undefined : requirePriority(data.priority);
  const opened: TicketOpened = {
    type: 'TicketOpened',
    data: {
      ticketId: data.ticketId, accountId: data.accountId,
      title: requireText(data.title, 'TICKET_TITLE_REQUIRED'),
      description: data.description ?? '', category: data.category, participants: requireParticipants(data.category, data.participants),
      firstResponseBusinessMinutes: requirePositiveMinutes(data.firstResponseBusinessMinutes, 'FIRST_RESPONSE_TARGET_MUST_BE_POSITIVE'),
      openedBy: by.role, openedAt: now.toString(), ...(data.calendarId !== undefined && { calendarId: data.calendarId }),
    },
  };
  return [opened, ...priorityAtOpening(data.ticketId, priority, now.toString())];
};

/**
 * A recurring maintenance ticket, opened by the system as of the occurrence's due instant (however late this runs:
 * the account already decided it was due, so a cancellation since does not undo it).
 */
export const openScheduled = ({ data, now }: OpenScheduledTicket, state: TicketState): TicketEvent[] => {
  if (state.status !== 'notOpened') return [];
  const at = Temporal.Instant.compare(data.at, now) > 0 ? now : data.at;
  return [{
    type: 'TicketOpened',
    data: {
      ticketId: data.ticketId, accountId: data.accountId, title: requireText(data.title, 'TICKET_TITLE_REQUIRED'), description: data.description,
      category: 'recurring_maintenance', participants: [],
      firstResponseBusinessMinutes: requirePositiveMinutes(data.firstResponseBusinessMinutes, 'FIRST_RESPONSE_TARGET_MUST_BE_POSITIVE'),
      openedBy: 'system', openedAt: at.toString(), calendarId: data.calendarId, maintenance: data.maintenance,
    },
  }];
};

export const requestClarification = (command: RequestClarification, state: TicketState): ClarificationRequested[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['agent'], 'ONLY_AGENT_MAY_REQUEST_CLARIFICATION');
  requireStatus(state, ['open', 'inProgress'], 'CLARIFICATION_ONLY_BEFORE_ESTIMATE_OR_DURING_WORK');
  const question = requireText(command.data.question, 'CLARIFICATION_QUESTION_REQUIRED');
  return [{ type: 'ClarificationRequested', data: { ticketId: state.ticketId, question, requestedAt: command.now.toString() } }];
};

export const provideClarification = (command: ProvideClarification, state: TicketState): ClarificationProvided[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['client'], 'ONLY_CLIENT_MAY_PROVIDE_CLARIFICATION');
  requireStatus(state, ['awaitingClarification'], 'NO_CLARIFICATION_REQUESTED');
  const answer = requireText(command.data.answer, 'CLARIFICATION_ANSWER_REQUIRED');
  return [{ type: 'ClarificationProvided', data: { ticketId: state.ticketId, answer, providedAt: command.now.toString() } }];
};
