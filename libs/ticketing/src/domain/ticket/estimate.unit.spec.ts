import { DeciderSpecification } from '#testing';
import type { Actor } from './commands.js';
import { ticketDecider } from './ticket-decider.js';
import {
  ACCOUNT, TICKET, agent, at, client, command, delivered, estimated, event, inProgress, iso, logged, manager, opened,
} from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const estimate = (minutes: number, available: number, local = '2026-11-16T11:00', by: Actor = agent) =>
  command('EstimateTicket', {
    estimatedMinutes: minutes, expectedDeliveryAt: at('2026-11-18T12:00'), availableMinutes: available,
  }, local, by);
const awaitingApproval = () => [opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00', 600, 100)];

describe('EstimateTicket', () => {
  it('authorizes work when the estimate fits the available minutes', () =>
    spec([opened()]).when(estimate(120, 500)).then([estimated('2026-11-16T11:00', '2026-11-18T12:00', 120, 500)]));

  it('authorizes work when the estimate equals the available minutes', () =>
    spec([opened()]).when(estimate(500, 500)).thenEvents(([e]) => {
      if (e?.type !== 'TicketEstimated' || e.data.approvalRequired) throw new Error('expected authorized work');
    }));

  it('asks for approval when the estimate exceeds the available minutes by one', () =>
    spec([opened()]).when(estimate(501, 500)).thenEvents(([e]) => {
      if (e?.type !== 'TicketEstimated' || !e.data.approvalRequired) throw new Error('expected approval gate');
    }));

  it('asks for approval when the available minutes are negative', () =>
    spec([opened()]).when(estimate(30, -10)).then([estimated('2026-11-16T11:00', '2026-11-18T12:00', 30, -10)]));

  it('re-applies the gate on a re-estimate during work', () =>
    spec(inProgress()).when(estimate(700, 380, '2026-11-16T15:00'))
      .then([estimated('2026-11-16T15:00', '2026-11-18T12:00', 700, 380)]));

  it('lets the agent re-estimate after a rejection', () =>
    spec([...awaitingApproval(), event.rejected('2026-11-16T12:00')]).when(estimate(90, 100, '2026-11-16T13:00'))
      .then([estimated('2026-11-16T13:00', '2026-11-18T12:00', 90, 100)]));

  it('is refused after delivery', () =>
    spec(delivered()).when(estimate(60, 500, '2026-11-16T17:00')).thenThrows('ESTIMATE_ONLY_BEFORE_DELIVERY'));

  it('is refused while the client owes a clarification', () =>
    spec([opened(), event.clarificationRequested('2026-11-16T10:30')]).when(estimate(60, 500))
      .thenThrows('TICKET_AWAITS_CLARIFICATION'));

  it('is given by an agent only', () =>
    spec([opened()]).when(estimate(60, 500, '2026-11-16T11:00', manager)).thenThrows('ONLY_AGENT_MAY_ESTIMATE'));

  it('needs positive whole minutes', () =>
    spec([opened()]).when(estimate(0, 500)).thenThrows('ESTIMATED_MINUTES_MUST_BE_POSITIVE'));

  it('needs an expected delivery after now', () =>
    spec([opened()]).when(estimate(60, 500, '2026-11-18T12:00')).thenThrows('EXPECTED_DELIVERY_MUST_BE_AFTER_ESTIMATE'));
});

const approve = (by: Actor = client) => command('ApproveEstimate', {}, '2026-11-16T14:00', by);
const reject = (by: Actor = client) => command('RejectEstimate', { reason: 'Too much' }, '2026-11-16T14:00', by);

describe('ApproveEstimate', () => {
  it('authorizes the work on the client’s approval', () =>
    spec(awaitingApproval()).when(approve()).then([{
      type: 'EstimateApproved',
      data: { ticketId: TICKET, accountId: ACCOUNT, estimatedMinutes: 600, approvedBy: 'client', approvedAt: iso('2026-11-16T14:00') },
    }]));

  it('may be given by a manager on the client’s behalf', () =>
    spec(awaitingApproval()).when(approve(manager)).thenEvents(([e]) => {
      if (e?.type !== 'EstimateApproved' || e.data.approvedBy !== 'manager') throw new Error('expected manager approval');
    }));

  it('may not be given by an agent', () =>
    spec(awaitingApproval()).when(approve(agent)).thenThrows('ONLY_CLIENT_OR_MANAGER_MAY_DECIDE_ON_ESTIMATE'));

  it('needs an estimate awaiting approval', () =>
    spec(inProgress()).when(approve()).thenThrows('ESTIMATE_NOT_AWAITING_APPROVAL'));

  it('lets time be logged afterwards', () =>
    spec([...awaitingApproval(), event.approved('2026-11-16T14:00', 600)])
      .when(command('LogTime', { entryId: 'e1', minutes: 90, activity: 'development', performedOn: '2026-11-16', note: '' }, '2026-11-16T15:00'))
      .then([logged('e1', 90)]));
});

describe('RejectEstimate', () => {
  it('rejects the estimate', () =>
    spec(awaitingApproval()).when(reject()).then([event.rejected('2026-11-16T14:00')]));

  it('may not be given by an agent', () =>
    spec(awaitingApproval()).when(reject(agent)).thenThrows('ONLY_CLIENT_OR_MANAGER_MAY_DECIDE_ON_ESTIMATE'));

  it('needs an estimate awaiting approval', () => spec([opened()]).when(reject()).thenThrows('ESTIMATE_NOT_AWAITING_APPROVAL'));

  it('leaves no time to be logged', () =>
    spec([...awaitingApproval(), event.rejected('2026-11-16T14:00')])
      .when(command('LogTime', { entryId: 'e1', minutes: 90, activity: 'development', performedOn: '2026-11-16', note: '' }, '2026-11-16T15:00'))
      .thenThrows('TIME_MAY_BE_LOGGED_ONLY_WHILE_WORK_IS_AUTHORIZED'));
});
