import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { TicketEvent } from './events.js';
import { dueTicketFacts } from './due-facts.js';
import { ticketDecider } from './ticket-decider.js';
import { ACCOUNT, TICKET, at, client, command, delivered, iso, rules } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
// Delivered Monday 16 Nov 16:00 (in time for the Wednesday promise): the automatic close is due Tuesday 24 Nov 16:00.
const autoClosed: TicketEvent = {
  type: 'TicketClosed',
  data: { ticketId: TICKET, accountId: ACCOUNT, loggedMinutes: 90, minutesByActivity: { development: 90 }, how: 'autoClosed', closedAt: iso('2026-11-24T16:00') },
};

describe('a person\'s command after the automatic close was due (scheduler late or down)', () => {
  const late = '2026-11-30T10:00';

  it('finds the ticket closed: an acceptance is refused with TICKET_IS_CLOSED, saying how and when', () => {
    let thrown: { code?: string; details?: object } = {};
    try {
      ticketDecider.decide(command('AcceptDelivery', {}, late, client), fold(ticketDecider, delivered()));
    } catch (error) {
      thrown = error as typeof thrown;
    }
    expect(thrown.code).to.equal('TICKET_IS_CLOSED');
    expect(thrown.details).to.deep.equal({ status: 'closed', how: 'autoClosed', closedAt: iso('2026-11-24T16:00') });
  });

  it('refuses a revision request', () =>
    spec(delivered()).when(command('RequestRevision', { reason: 'Still empty' }, late, client)).thenThrows('TICKET_IS_CLOSED'));

  it('refuses a time entry', () =>
    spec(delivered()).when(command('LogTime', { entryId: 'e9', minutes: 30, activity: 'test', performedOn: '2026-11-30', note: '' }, late))
      .thenThrows('TICKET_IS_CLOSED'));

  it('still accepts the client\'s answer a millisecond before the due instant', () =>
    spec(delivered()).when(command('AcceptDelivery', {}, '2026-11-24T15:59', client)).thenEvents((events) =>
      expect(events.map((event) => event.type)).to.deep.equal(['TicketClosed'])));
});

describe('dueTicketFacts', () => {
  it('gives the automatic close dated at its due instant, whenever it is asked', () =>
    expect(dueTicketFacts(fold(ticketDecider, delivered()), at('2026-12-20T10:00'), rules)).to.deep.equal([autoClosed]));

  it('gives nothing before the due instant', () =>
    expect(dueTicketFacts(fold(ticketDecider, delivered()), at('2026-11-24T15:59'), rules)).to.deep.equal([]));

  it('gives nothing for a ticket not opened', () => expect(dueTicketFacts(ticketDecider.initialState(), at('2026-12-20T10:00'), rules)).to.deep.equal([]));
});
