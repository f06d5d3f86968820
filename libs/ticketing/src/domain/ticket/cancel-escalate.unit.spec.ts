import { expect } from 'chai';
import { DeciderSpecification } from '#testing';
import type { Actor } from './commands.js';
import type { TicketEvent } from './events.js';
import { ticketDecider } from './ticket-decider.js';
import { ACCOUNT, TICKET, agent, client, command, delivered, estimated, event, inProgress, iso, logged, manager, opened, atRisk } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const cancel = (by: Actor, reason = 'No longer needed') => command('CancelTicket', { reason }, '2026-11-16T17:00', by);
const cancelled = (cancelledBy: Actor['role'], loggedMinutes = 0): TicketEvent => ({
  type: 'TicketCancelled',
  data: {
    ticketId: TICKET, accountId: ACCOUNT, reason: 'No longer needed', cancelledBy, loggedMinutes,
    minutesByActivity: loggedMinutes ? { development: loggedMinutes } : {}, cancelledAt: iso('2026-11-16T17:00'),
  },
});
const escalate = (by: Actor = agent) => command('EscalateToProject', { reason: 'Beyond the package' }, '2026-11-16T17:00', by);
const offer = (expectedMinutes: number, priceCents: number, by: Actor = manager) =>
  command('RecordProjectOffer', { expectedMinutes, priceCents }, '2026-11-18T10:00', by);
const offered = (expectedMinutes: number, priceCents: number): TicketEvent => ({
  type: 'ProjectOfferRecorded',
  data: { ticketId: TICKET, accountId: ACCOUNT, expectedMinutes, priceCents, recordedAt: iso('2026-11-18T10:00') },
});

describe('CancelTicket', () => {
  it('lets the client cancel before work starts (the first response due at 14:00 is recorded broken first)', () =>
    spec([opened()]).when(cancel(client)).then([
      atRisk('firstResponse', '2026-11-16T13:12', '2026-11-16T14:00'),
      { type: 'SlaBreached', data: { ticketId: TICKET, kind: 'firstResponse', dueAt: iso('2026-11-16T14:00') } },
      cancelled('client'),
    ]));

  it('lets the client cancel an authorized ticket while nothing is logged', () =>
    spec(inProgress()).when(cancel(client)).then([cancelled('client')]));

  it('refuses the client once time is logged', () =>
    spec([...inProgress(), logged('e1', 90)]).when(cancel(client)).thenThrows('CLIENT_MAY_CANCEL_ONLY_BEFORE_WORK_STARTS'));

  it('lets an agent cancel after work started, carrying the minutes to debit', () =>
    spec([...inProgress(), logged('e1', 90)]).when(cancel(agent)).then([cancelled('agent', 90)]));

  it('lets a manager cancel a delivered ticket', () => spec(delivered()).when(cancel(manager)).then([cancelled('manager', 90)]));

  it('lets the agent cancel after a rejected estimate', () =>
    spec([opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00', 600, 100), event.rejected('2026-11-16T12:00')])
      .when(cancel(agent)).then([cancelled('agent')]));

  it('needs a reason', () => spec([opened()]).when(cancel(agent, ' ')).thenThrows('CANCELLATION_REASON_REQUIRED'));

  it('is refused once the ticket is closed', () =>
    spec([...delivered(), { type: 'TicketClosed', data: { ticketId: TICKET, accountId: ACCOUNT, loggedMinutes: 90, minutesByActivity: {}, how: 'accepted', closedAt: iso('2026-11-16T16:30') } }])
      .when(cancel(manager)).thenThrows('TICKET_IS_CLOSED'));

  it('is refused twice', () => spec([opened(), event.cancelled('2026-11-16T12:00')]).when(cancel(agent)).thenThrows('TICKET_IS_CLOSED'));
});

describe('EscalateToProject', () => {
  it('closes the ticket as escalated, carrying the minutes to debit', () =>
    spec([...inProgress(), logged('e1', 90)]).when(escalate()).thenEvents(([e]) => {
      expect(e?.type).to.equal('TicketEscalated');
      expect(e?.data).to.include({ loggedMinutes: 90, reason: 'Beyond the package', escalatedAt: iso('2026-11-16T17:00') });
    }));

  it('is done by an agent only', () => spec([opened()]).when(escalate(manager)).thenThrows('ONLY_AGENT_MAY_ESCALATE'));

  it('is refused on a closed ticket', () =>
    spec([opened(), event.escalated('2026-11-16T12:00')]).when(escalate()).thenThrows('TICKET_IS_CLOSED'));
});

describe('RecordProjectOffer', () => {
  const escalated = () => [opened(), event.escalated('2026-11-16T12:00')];

  it('records Customer Success’ offer on an escalated ticket', () =>
    spec(escalated()).when(offer(2400, 480000)).then([offered(2400, 480000)]));

  it('records a revised offer', () => spec([...escalated(), offered(2400, 480000)]).when(offer(2400, 450000)).then([offered(2400, 450000)]));

  it('does nothing when the same offer is sent again', () =>
    spec([...escalated(), offered(2400, 480000)]).when(offer(2400, 480000)).thenNothingHappens());

  it('needs an escalated ticket', () => spec(inProgress()).when(offer(2400, 480000)).thenThrows('PROJECT_OFFER_NEEDS_ESCALATED_TICKET'));

  it('needs positive minutes and price', () => spec(escalated()).when(offer(2400, 0)).thenThrows('PROJECT_OFFER_MUST_BE_POSITIVE'));

  it('is not recorded by the client', () => spec(escalated()).when(offer(2400, 480000, client)).thenThrows('ONLY_STAFF_MAY_RECORD_PROJECT_OFFER'));
});
