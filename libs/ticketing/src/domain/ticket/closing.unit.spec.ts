import { expect } from 'chai';
import { DeciderSpecification } from '#testing';
import type { Actor } from './commands.js';
import type { TicketEvent } from './events.js';
import { ticketDecider } from './ticket-decider.js';
import { ACCOUNT, TICKET, agent, calendar, client, command, delivered, estimated, event, inProgress, iso, logged, manager, opened, atRisk } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const deliver = (by: Actor = agent) => command('DeliverTicket', { summary: 'Fixed' }, '2026-11-16T16:00', by);
const revise = (by: Actor = client) => command('RequestRevision', { reason: 'Still empty' }, '2026-11-17T10:00', by);
const accept = (by: Actor = client) => command('AcceptDelivery', {}, '2026-11-17T10:00', by);
const autoClose = (local: string, businessDays = 5) =>
  ({ type: 'AutoCloseTicket' as const, data: {}, now: command('AcceptDelivery', {}, local).now, rules: { calendar, autoCloseBusinessDays: businessDays } });
const closed = (how: 'accepted' | 'autoClosed', local: string, loggedMinutes = 90): TicketEvent => ({
  type: 'TicketClosed',
  data: { ticketId: TICKET, accountId: ACCOUNT, loggedMinutes, minutesByActivity: { development: loggedMinutes }, how, closedAt: iso(local) },
});

describe('DeliverTicket', () => {
  it('delivers authorized work', () => spec(inProgress()).when(deliver()).then([event.delivered('2026-11-16T16:00')]));

  it('is refused while the estimate awaits approval', () =>
    spec([opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00', 600, 100)]).when(deliver())
      .thenThrows('DELIVERY_NEEDS_AUTHORIZED_WORK'));

  it('is refused on a delivered ticket', () => spec(delivered()).when(deliver()).thenThrows('DELIVERY_NEEDS_AUTHORIZED_WORK'));

  it('is done by an agent only', () => spec(inProgress()).when(deliver(client)).thenThrows('ONLY_AGENT_MAY_DELIVER'));

  it('needs a summary', () =>
    spec(inProgress()).when(command('DeliverTicket', { summary: '' }, '2026-11-16T16:00')).thenThrows('DELIVERY_SUMMARY_REQUIRED'));
});

describe('RequestRevision', () => {
  it('sends a delivered ticket back to work', () =>
    spec(delivered()).when(revise()).then([event.revisionRequested('2026-11-17T10:00')]));

  it('is asked by the client only', () => spec(delivered()).when(revise(agent)).thenThrows('ONLY_CLIENT_MAY_REQUEST_REVISION'));

  it('needs a delivery', () => spec(inProgress()).when(revise()).thenThrows('TICKET_NOT_DELIVERED'));

  it('cancels the automatic close', () =>
    spec([...delivered(), event.revisionRequested('2026-11-17T10:00')]).when(autoClose('2026-12-01T10:00')).thenNothingHappens());

  it('lets the ticket be delivered again, and auto-closed from the new delivery', () =>
    spec([...delivered(), event.revisionRequested('2026-11-17T10:00'), event.delivered('2026-11-17T12:00')])
      .when(autoClose('2026-11-24T10:00')).thenThrows('AUTO_CLOSE_NOT_DUE'));
});

describe('AcceptDelivery', () => {
  it('closes the ticket with every logged minute to debit', () =>
    spec(delivered()).when(accept()).then([closed('accepted', '2026-11-17T10:00')]));

  it('is given by the client only', () => spec(delivered()).when(accept(manager)).thenThrows('ONLY_CLIENT_MAY_ACCEPT_DELIVERY'));

  it('needs a delivery', () => spec(inProgress()).when(accept()).thenThrows('TICKET_NOT_DELIVERED'));

  it('is refused on a closed ticket', () =>
    spec([...delivered(), closed('accepted', '2026-11-17T10:00')]).when(accept()).thenThrows('TICKET_IS_CLOSED'));

  it('carries the corrected total and the minutes by activity', () =>
    spec([...inProgress(), logged('e1', 90), logged('e2', 45, 'meeting'), {
      type: 'TimeEntryCorrected',
      data: { ticketId: TICKET, correctionId: 'c1', entryId: 'e1', minutesDelta: -30, reason: 'Typo', correctedAt: iso('2026-11-16T15:30') },
    }, event.delivered('2026-11-16T16:00')]).when(accept()).thenEvents(([e]) => {
      expect(e?.data).to.include({ loggedMinutes: 105 });
      expect(e?.data).to.have.deep.property('minutesByActivity', { development: 60, meeting: 45 });
    }));
});

// Delivered Monday 16 Nov 16:00; 5 business days = 5 × 540 = 2700 minutes: Mon 120, Tue 540, Wed 540,
// Thu 540 (1740), Fri 20 Nov is a holiday, Mon 23 540 (2280), Tue 24 420 more → Tue 24 16:00.
describe('AutoCloseTicket', () => {
  it('closes a delivered ticket 5 business days after delivery', () =>
    spec(delivered()).when(autoClose('2026-11-24T16:00')).then([closed('autoClosed', '2026-11-24T16:00')]));

  it('is refused a minute too early', () =>
    spec(delivered()).when(autoClose('2026-11-24T15:59')).thenThrows('AUTO_CLOSE_NOT_DUE'));

  it('uses the configured number of business days', () =>
    spec(delivered()).when(autoClose('2026-11-18T16:00', 2)).then([closed('autoClosed', '2026-11-18T16:00')]));

  it('does nothing on a ticket the client already accepted', () =>
    spec([...delivered(), closed('accepted', '2026-11-17T10:00')]).when(autoClose('2026-11-24T16:00')).thenNothingHappens());

  it('closes nothing on a ticket not delivered; what else was due is recorded (the promise broken on Wednesday)', () =>
    spec(inProgress()).when(autoClose('2026-11-24T16:00')).then([
      atRisk('deliveryPromise', '2026-11-17T17:12', '2026-11-18T12:00'),
      { type: 'SlaBreached', data: { ticketId: TICKET, kind: 'deliveryPromise', dueAt: iso('2026-11-18T12:00') } },
    ]));

  it('is dated at its due instant however late it runs, after a breach due before it', () =>
    spec(delivered('2026-11-18T16:00')).when(autoClose('2026-12-10T10:00')).then([
      atRisk('deliveryPromise', '2026-11-17T17:12', '2026-11-18T12:00'),
      { type: 'SlaBreached', data: { ticketId: TICKET, kind: 'deliveryPromise', dueAt: iso('2026-11-18T12:00') } },
      closed('autoClosed', '2026-11-26T16:00'),
    ]));

  it('refuses a non-positive number of days', () =>
    spec(delivered()).when(autoClose('2026-11-24T16:00', 0)).thenThrows('AUTO_CLOSE_DAYS_MUST_BE_POSITIVE'));
});
