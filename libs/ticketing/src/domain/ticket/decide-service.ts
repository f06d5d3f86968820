import type { AnswerPendingQuestion, AssignTicket, ChangeTicketPriority, RecordPendingQuestion, UnassignTicket } from './commands.js';
import { requirePriority } from './decide-opening.js';
import type { TicketEvent } from './events.js';
import { fail, requireNotFinished, requireOpened, requireRole, requireText } from './errors.js';
import type { TicketState } from './state.js';

/** Who works the ticket: an agent or manager who is not deactivated; assigning again moves it (reassignment). */
export const assign = (command: AssignTicket, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['agent', 'manager'], 'ONLY_STAFF_MAY_ASSIGN');
  const { userId, name, role, active } = command.data.assignee;
  if (!active || (role !== 'agent' && role !== 'manager')) fail('ASSIGNEE_MUST_BE_ACTIVE_STAFF', 'Assign an agent or a manager.', { userId, role, active });
  const previous = state.assignee?.userId;
  if (previous === userId) return [];
  return [{
    type: 'TicketAssigned',
    data: { ticketId: state.ticketId, assigneeId: userId, assigneeName: name, ...(previous && { previousAssigneeId: previous }), assignedAt: command.now.toString() },
  }];
};

export const unassign = (command: UnassignTicket, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['agent', 'manager'], 'ONLY_STAFF_MAY_ASSIGN');
  if (!state.assignee) return [];
  return [{ type: 'TicketUnassigned', data: { ticketId: state.ticketId, previousAssigneeId: state.assignee.userId, unassignedAt: command.now.toString() } }];
};

/** Staff set the priority (the client may give one when opening); the same priority again changes nothing. */
export const changePriority = (command: ChangeTicketPriority, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  requireNotFinished(state);
  requireRole(command.by, ['agent', 'manager'], 'ONLY_STAFF_MAY_CHANGE_PRIORITY');
  const priority = requirePriority(command.data.priority);
  const previousPriority = state.priority ?? 'normal';
  if (priority === previousPriority) return [];
  return [{ type: 'TicketPriorityChanged', data: { ticketId: state.ticketId, priority, previousPriority, changedAt: command.now.toString() } }];
};

/** A question the session could not settle, recorded for a later answer (seed 001); an id already used is a repeat. */
export const recordPendingQuestion = (command: RecordPendingQuestion, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  if (state.pendingQuestions?.[command.data.questionId]) return [];
  requireNotFinished(state);
  requireRole(command.by, ['agent'], 'ONLY_AGENT_MAY_RECORD_PENDING_QUESTION');
  const question = requireText(command.data.question, 'PENDING_QUESTION_REQUIRED');
  return [{ type: 'PendingQuestionRecorded', data: { ticketId: state.ticketId, questionId: command.data.questionId, question, recordedAt: command.now.toString() } }];
};

/** The technician answers later: also after delivery and after the ticket closed. */
export const answerPendingQuestion = (command: AnswerPendingQuestion, state: TicketState): TicketEvent[] => {
  requireOpened(state);
  requireRole(command.by, ['agent'], 'ONLY_AGENT_MAY_ANSWER_PENDING_QUESTION');
  const asked = state.pendingQuestions?.[command.data.questionId];
  if (!asked) fail('PENDING_QUESTION_NOT_FOUND', 'There is no such pending question.', { questionId: command.data.questionId });
  const answer = requireText(command.data.answer, 'PENDING_QUESTION_ANSWER_REQUIRED');
  if (asked!.answer === answer) return [];
  if (asked!.answer !== undefined) fail('PENDING_QUESTION_ALREADY_ANSWERED', 'This question was answered already.', { questionId: command.data.questionId });
  return [{ type: 'PendingQuestionAnswered', data: { ticketId: state.ticketId, questionId: command.data.questionId, answer, answeredAt: command.now.toString() } }];
};
