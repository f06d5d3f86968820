import { DeciderSpecification } from '#testing';
import type { TicketEvent } from './events.js';
import { ticketDecider } from './ticket-decider.js';
import { ACCOUNT, TICKET, client, command, inProgress, iso, logged, manager, rules } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const log = (entryId: string, minutes: number) =>
  command('LogTime', { entryId, minutes, activity: 'development', performedOn: '2026-11-16', note: '' }, '2026-11-16T15:00');
const request = (additionalMinutes: number, available = 300) =>
  command('RequestOverrunApproval', { additionalMinutes, reason: 'O banco tem mais tabelas', availableMinutes: available, estimateId: 'g1' }, '2026-11-16T16:00');
const requested: TicketEvent = {
  type: 'OverrunApprovalRequested',
  data: {
    ticketId: TICKET, accountId: ACCOUNT, additionalMinutes: 60, previousEstimatedMinutes: 120, estimatedMinutes: 180, reason: 'O banco tem mais tabelas',
    availableMinutes: 300, estimateId: 'g1', requestedAt: iso('2026-11-16T16:00'),
  },
};
const worked = () => [...inProgress(), logged('e1', 120)];

describe('The overrun rule: time past the approved estimate and its margin (10 %) needs a new approval', () => {
  it('logs up to the estimate plus the margin (120 + 12 = 132)', () => spec(worked()).when(log('e2', 12)).then([logged('e2', 12)]));

  it('refuses a minute more, and logs nothing', () => spec(worked()).when(log('e2', 13)).thenThrows('TIME_BEYOND_APPROVED_ESTIMATE_NEEDS_APPROVAL'));

  it('takes the margin from the rules (0 %: not a minute past the estimate)', () =>
    spec(worked()).when({ ...log('e2', 1), rules: { ...rules, overrunMarginPercent: 0 } }).thenThrows('TIME_BEYOND_APPROVED_ESTIMATE_NEEDS_APPROVAL'));

  it('applies to corrections that add minutes', () =>
    spec(worked()).when(command('CorrectTimeEntry', { correctionId: 'c1', entryId: 'e1', minutesDelta: 30, reason: 'Faltou' }, '2026-11-16T17:00'))
      .thenThrows('TIME_BEYOND_APPROVED_ESTIMATE_NEEDS_APPROVAL'));

  it('asks the client for the extra minutes: the ticket waits for approval, always (it is beyond what they approved)', () =>
    spec(worked()).when(request(60)).then([requested]));

  it('takes the new estimate once approved, and the time then fits', () => {
    const approved: TicketEvent = { type: 'OverrunApproved', data: { ticketId: TICKET, accountId: ACCOUNT, estimatedMinutes: 180, approvedBy: 'client', approvedAt: iso('2026-11-17T09:30') } };
    spec([...worked(), requested]).when(command('ApproveEstimate', {}, '2026-11-17T09:30', client)).then([approved]);
    spec([...worked(), requested, approved]).when(log('e2', 60)).then([logged('e2', 60)]);
  });

  it('keeps the approved estimate when rejected; work goes on within it', () => {
    const rejected: TicketEvent = {
      type: 'OverrunRejected', data: { ticketId: TICKET, accountId: ACCOUNT, estimatedMinutes: 120, reason: 'Não agora', rejectedBy: 'manager', rejectedAt: iso('2026-11-17T09:30') },
    };
    spec([...worked(), requested]).when(command('RejectEstimate', { reason: 'Não agora' }, '2026-11-17T09:30', manager)).then([rejected]);
    spec([...worked(), requested, rejected]).when(log('e2', 13)).thenThrows('TIME_BEYOND_APPROVED_ESTIMATE_NEEDS_APPROVAL');
    spec([...worked(), requested, rejected]).when(log('e2', 12)).then([logged('e2', 12)]);
  });

  it('logs no time while the client decides', () =>
    spec([...worked(), requested]).when(log('e2', 1)).thenThrows('TIME_MAY_BE_LOGGED_ONLY_WHILE_WORK_IS_AUTHORIZED'));

  it('is asked by an agent during work', () => {
    spec(worked()).when({ ...request(60), by: client }).thenThrows('ONLY_AGENT_MAY_REQUEST_OVERRUN_APPROVAL');
    spec([...worked(), requested]).when(request(30)).thenThrows('OVERRUN_APPROVAL_ONLY_DURING_WORK');
    spec(worked()).when(request(0)).thenThrows('OVERRUN_MINUTES_MUST_BE_POSITIVE');
  });

});
