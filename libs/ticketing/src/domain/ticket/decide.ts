import { assertNever } from '#kernel';
import { recordSlaAtRisk, recordSlaBreach } from '../sla/record-breach.js';
import { answerPendingQuestion, assign, changePriority, recordPendingQuestion, unassign } from './decide-service.js';
import { requestOverrunApproval } from './decide-overrun.js';
import { assignTicketNumber } from './ticket-numbering.js';
import type { TicketCommand } from './commands.js';
import {
  acceptDelivery, acceptProjectOffer, autoClose, cancel, declineProjectOffer, escalate, markOutOfScope, recordProjectOffer, requestRevision,
} from './decide-closing.js';
import { approveEstimate, estimate, rejectEstimate } from './decide-estimate.js';
import { open, openScheduled, provideClarification, requestClarification } from './decide-opening.js';
import { correctTimeEntry, deliver, logTime } from './decide-work.js';
import { afterDueTicketFacts } from './due-facts.js';
import type { TicketEvent } from './events.js';
import type { TicketState } from './state.js';

type ScheduledType = 'OpenTicket' | 'AutoCloseTicket' | 'RecordSlaBreach' | 'AssignTicketNumber' | 'RecordSlaAtRisk' | 'OpenScheduledTicket';
type PersonCommand = Exclude<TicketCommand, { type: ScheduledType }>;

const decidePerson = (command: PersonCommand, state: TicketState): TicketEvent[] => {
  switch (command.type) {
    case 'RequestClarification': return requestClarification(command, state);
    case 'ProvideClarification': return provideClarification(command, state);
    case 'EstimateTicket': return estimate(command, state);
    case 'ApproveEstimate': return approveEstimate(command, state);
    case 'RejectEstimate': return rejectEstimate(command, state);
    case 'LogTime': return logTime(command, state);
    case 'CorrectTimeEntry': return correctTimeEntry(command, state);
    case 'DeliverTicket': return deliver(command, state);
    case 'RequestRevision': return requestRevision(command, state);
    case 'AcceptDelivery': return acceptDelivery(command, state);
    case 'CancelTicket': return cancel(command, state);
    case 'EscalateToProject': return escalate(command, state);
    case 'RecordProjectOffer': return recordProjectOffer(command, state);
    case 'AcceptProjectOffer': return acceptProjectOffer(command, state);
    case 'DeclineProjectOffer': return declineProjectOffer(command, state);
    case 'AssignTicket': return assign(command, state);
    case 'UnassignTicket': return unassign(command, state);
    case 'ChangeTicketPriority': return changePriority(command, state);
    case 'RecordPendingQuestion': return recordPendingQuestion(command, state);
    case 'AnswerPendingQuestion': return answerPendingQuestion(command, state);
    case 'MarkOutOfScope': return markOutOfScope(command, state);
    case 'RequestOverrunApproval': return requestOverrunApproval(command, state);
    default: return assertNever(command);
  }
};

/**
 * A person's command is decided on the ticket as it stands at its `now`, after the facts already due: a revision,
 * an acceptance or a time entry that comes after the automatic close was due finds the ticket closed
 * (TICKET_IS_CLOSED). The scheduler's commands are those facts; the ticket's number is no decision in time.
 */
export const decide = (command: TicketCommand, state: TicketState): TicketEvent[] => {
  switch (command.type) {
    case 'OpenTicket': return open(command, state);
    case 'AutoCloseTicket': return autoClose(command, state);
    case 'RecordSlaBreach': return recordSlaBreach(command, state);
    case 'AssignTicketNumber': return assignTicketNumber(command, state);
    case 'RecordSlaAtRisk': return recordSlaAtRisk(command, state);
    case 'OpenScheduledTicket': return openScheduled(command, state);
    default: return afterDueTicketFacts(state, command.now, command.rules, (current) => decidePerson(command, current));
  }
};
