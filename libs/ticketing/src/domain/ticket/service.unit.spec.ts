import { DeciderSpecification } from '#testing';
import type { StaffMember } from './commands.js';
import type { TicketEvent } from './events.js';
import { ticketDecider } from './ticket-decider.js';
import { ACCOUNT, TICKET, at, client, command, delivered, estimated, inProgress, iso, manager, opened } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const ana: StaffMember = { userId: 'ana', name: 'Ana', role: 'agent', active: true };
const now = '2026-11-16T10:30';
const assigned = (assigneeId: string, assigneeName: string, previousAssigneeId?: string): TicketEvent =>
  ({ type: 'TicketAssigned', data: { ticketId: TICKET, assigneeId, assigneeName, ...(previousAssigneeId && { previousAssigneeId }), assignedAt: iso(now) } });
const openAs = (over: Record<string, unknown>, local = '2026-11-16T10:00') => command('OpenTicket', {
  ticketId: TICKET, accountId: ACCOUNT, title: 'Fix the invoice export', description: 'CSV is empty', category: 'support',
  firstResponseBusinessMinutes: 240, accountStatus: 'open', ...over,
} as never, local, client);

describe('Assignment and priority', () => {
  it('assigns the ticket to an agent', () => spec([opened()]).when(command('AssignTicket', { assignee: ana }, now)).then([assigned('ana', 'Ana')]));

  it('reassigns it, naming who had it', () =>
    spec([opened(), assigned('ana', 'Ana')]).when(command('AssignTicket', { assignee: { ...ana, userId: 'bia', name: 'Bia' } }, now, manager))
      .then([assigned('bia', 'Bia', 'ana')]));

  it('refuses a client as assignee, and a client assigning', () => {
    spec([opened()]).when(command('AssignTicket', { assignee: { ...ana, role: 'client' } }, now)).thenThrows('ASSIGNEE_MUST_BE_ACTIVE_STAFF');
    spec([opened()]).when(command('AssignTicket', { assignee: ana }, now, client)).thenThrows('ONLY_STAFF_MAY_ASSIGN');
  });

  it('unassigns', () =>
    spec([opened(), assigned('ana', 'Ana')]).when(command('UnassignTicket', {}, now))
      .then([{ type: 'TicketUnassigned', data: { ticketId: TICKET, previousAssigneeId: 'ana', unassignedAt: iso(now) } }]));

  it('records a priority given at opening other than normal', () =>
    spec([]).when(openAs({ priority: 'high' })).then([
      { ...opened(), data: { ...opened().data } },
      { type: 'TicketPriorityChanged', data: { ticketId: TICKET, priority: 'high', previousPriority: 'normal', changedAt: iso('2026-11-16T10:00') } },
    ]));

  it('lets staff change the priority; the same priority again does nothing', () => {
    spec([opened()]).when(command('ChangeTicketPriority', { priority: 'urgent' }, now))
      .then([{ type: 'TicketPriorityChanged', data: { ticketId: TICKET, priority: 'urgent', previousPriority: 'normal', changedAt: iso(now) } }]);
    spec([opened()]).when(command('ChangeTicketPriority', { priority: 'normal' }, now)).thenNothingHappens();
    spec([opened()]).when(command('ChangeTicketPriority', { priority: 'high' }, now, client)).thenThrows('ONLY_STAFF_MAY_CHANGE_PRIORITY');
    spec([opened()]).when(command('ChangeTicketPriority', { priority: 'asap' as never }, now)).thenThrows('UNKNOWN_TICKET_PRIORITY');
  });
});

describe('The consultative service (seed 001)', () => {
  it('allows at most 4 participants in a technical follow-up too', () =>
    spec([]).when(openAs({ category: 'technical_follow_up', participants: ['a', 'b', 'c', 'd', 'e'] })).thenThrows('TECHNICAL_FOLLOW_UP_ALLOWS_AT_MOST_4_PARTICIPANTS'));

  it('leaves recurring maintenance tickets to their schedule', () =>
    spec([]).when(openAs({ category: 'recurring_maintenance' })).thenThrows('MAINTENANCE_TICKETS_ARE_OPENED_BY_THEIR_SCHEDULE'));

  const followUp = () => [opened('2026-11-16T10:00', { category: 'technical_follow_up', participants: ['Joana'] })];
  const estimate = (plan?: { plan: string; executedBy: 'technician' | 'clientAssisted' }) => command('EstimateTicket', {
    estimatedMinutes: 120, expectedDeliveryAt: at('2026-11-18T12:00'), availableMinutes: 500, ...(plan && { executionPlan: plan }),
  }, '2026-11-16T11:00');

  it('needs an execution plan on the first estimate of a consultative ticket', () =>
    spec(followUp()).when(estimate()).thenThrows('CONSULTATIVE_ESTIMATE_NEEDS_AN_EXECUTION_PLAN'));

  it('records the plan agreed and who executes it, right after the estimate', () =>
    spec(followUp()).when(estimate({ plan: '1. Revisar o painel\n2. Criar os filtros juntos', executedBy: 'clientAssisted' })).then([
      estimated('2026-11-16T11:00', '2026-11-18T12:00'),
      { type: 'ExecutionPlanAgreed', data: { ticketId: TICKET, plan: '1. Revisar o painel\n2. Criar os filtros juntos', executedBy: 'clientAssisted', agreedAt: iso('2026-11-16T11:00') } },
    ]));

  it('keeps the plan agreed on a re-estimate that gives none', () => {
    const agreed: TicketEvent = { type: 'ExecutionPlanAgreed', data: { ticketId: TICKET, plan: 'Plano', executedBy: 'technician', agreedAt: iso('2026-11-16T11:00') } };
    spec([...followUp(), estimated('2026-11-16T11:00', '2026-11-18T12:00'), agreed]).when(estimate()).then([estimated('2026-11-16T11:00', '2026-11-18T12:00')]);
  });

  it('refuses an unknown executor', () =>
    spec(followUp()).when(estimate({ plan: 'Plano', executedBy: 'robot' as never })).thenThrows('UNKNOWN_EXECUTOR'));

  const question: TicketEvent = { type: 'PendingQuestionRecorded', data: { ticketId: TICKET, questionId: 'q1', question: 'Por que o filtro zera?', recordedAt: iso('2026-11-16T15:00') } };

  it('records a question left open in the session', () =>
    spec(inProgress()).when(command('RecordPendingQuestion', { questionId: 'q1', question: 'Por que o filtro zera?' }, '2026-11-16T15:00')).then([question]));

  it('answers it after delivery, and after the ticket closed', () => {
    const answerAt = (local: string) => command('AnswerPendingQuestion', { questionId: 'q1', answer: 'O filtro usa a data de emissão.' }, local);
    const answeredAt = (local: string): TicketEvent => ({ type: 'PendingQuestionAnswered', data: { ticketId: TICKET, questionId: 'q1', answer: 'O filtro usa a data de emissão.', answeredAt: iso(local) } });
    spec([...delivered(), question]).when(answerAt('2026-11-19T10:00')).then([answeredAt('2026-11-19T10:00')]);
    const answer = answerAt('2026-11-30T10:00');
    const answered = answeredAt('2026-11-30T10:00');
    const closed: TicketEvent = { type: 'TicketClosed', data: { ticketId: TICKET, accountId: ACCOUNT, loggedMinutes: 90, minutesByActivity: { development: 90 }, how: 'accepted', closedAt: iso('2026-11-17T10:00') } };
    spec([...delivered(), question, closed]).when(answer).then([answered]);
  });

  it('refuses an unknown question, and a second different answer', () => {
    spec(inProgress()).when(command('AnswerPendingQuestion', { questionId: 'nope', answer: 'x' }, now)).thenThrows('PENDING_QUESTION_NOT_FOUND');
    const answered: TicketEvent = { type: 'PendingQuestionAnswered', data: { ticketId: TICKET, questionId: 'q1', answer: 'A', answeredAt: iso(now) } };
    spec([...inProgress(), question, answered]).when(command('AnswerPendingQuestion', { questionId: 'q1', answer: 'B' }, now)).thenThrows('PENDING_QUESTION_ALREADY_ANSWERED');
  });

  it('lets no client record questions for the technician', () =>
    spec(inProgress()).when(command('RecordPendingQuestion', { questionId: 'q2', question: 'x' }, now, client)).thenThrows('ONLY_AGENT_MAY_RECORD_PENDING_QUESTION'));

});
