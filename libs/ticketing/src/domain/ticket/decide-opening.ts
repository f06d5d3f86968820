import type { OpenTicket, ProvideClarification, RequestClarification } from './commands.js';
import { ticketCategories, type ClarificationProvided, type ClarificationRequested, type TicketOpened } from './events.js';
import {
  fail, requireAccountOpen, requireNotFinished, requireOpened, requirePositiveMinutes, requireRole, requireStatus, requireText,
} from './errors.js';
import type { TicketState } from './state.js';

export const TRAINING_PARTICIPANT_LIMIT = 4;

export const open = (command: OpenTicket, state: TicketState): TicketOpened[] => {
  const { data, by, now } = command;
  if (state.status !== 'notOpened') fail('TICKET_ALREADY_OPENED', 'This ticket is already open.');
  requireRole(by, ['client', 'agent'], 'ONLY_CLIENT_OR_AGENT_MAY_OPEN_TICKET');
  requireAccountOpen(data.accountId, data.accountStatus);
  if (!ticketCategories.includes(data.category)) fail('UNKNOWN_TICKET_CATEGORY', 'Unknown category.', { category: data.category });
  const participants = [...(data.participants ?? [])];
  if (data.category === 'training' && participants.length > TRAINING_PARTICIPANT_LIMIT) {
    fail('TRAINING_ALLOWS_AT_MOST_4_PARTICIPANTS', 'Training allows at most 4 participants.', { participants: participants.length });
  }
  return [{
    type: 'TicketOpened',
    data: {
      ticketId: data.ticketId, accountId: data.accountId,
      title: requireText(data.title, 'TICKET_TITLE_REQUIRED'),
      description: data.description ?? '', category: data.category, participants,
      firstResponseBusinessMinutes: requirePositiveMinutes(data.firstResponseBusinessMinutes, 'FIRST_RESPONSE_TARGET_MUST_BE_POSITIVE'),
      openedBy: by.role, openedAt: now.toString(),
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
