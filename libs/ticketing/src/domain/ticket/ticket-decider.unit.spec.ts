import { expect } from 'chai';
import { fold } from '#kernel';
import type { TicketEvent } from './events.js';
import { ticketEventNames } from './events.js';
import { ticketDecider, ticketStream } from './ticket-decider.js';
import { TICKET, estimated, event, iso, logged, opened } from './ticket.fixtures.js';

const story = (): TicketEvent[] => [
  opened('2026-11-16T09:00'), event.clarificationRequested('2026-11-16T09:30'), event.clarificationProvided('2026-11-16T10:00'),
  estimated('2026-11-16T11:00', '2026-11-18T12:00', 600, 100), event.approved('2026-11-16T14:00', 600),
  event.clarificationRequested('2026-11-17T10:00'), event.clarificationProvided('2026-11-17T11:00'),
  logged('e1', 90), event.delivered('2026-11-17T16:00'), event.revisionRequested('2026-11-18T10:00'),
  event.delivered('2026-11-18T15:00'),
  { type: 'SlaBreached', data: { ticketId: TICKET, kind: 'firstResponse', dueAt: iso('2026-11-16T13:00') } },
];

describe('ticket state', () => {
  it('survives a JSON round trip unchanged', () => {
    const state = fold(ticketDecider, story());
    expect(JSON.parse(JSON.stringify(state))).to.deep.equal(state);
  });

  it('ends delivered with the logged minutes', () =>
    expect(fold(ticketDecider, story())).to.include({ status: 'delivered', loggedMinutes: 90, deliveredAt: iso('2026-11-18T15:00') }));

  it('is not opened before any event', () => expect(ticketDecider.initialState()).to.deep.equal({ status: 'notOpened' }));
});

describe('ticket event names', () => {
  it('are explicit, versioned and distinct', () => {
    const names = Object.values(ticketEventNames);
    expect(names.every((name) => /^hourbank\.ticket\.[a-z-]+\.v\d+$/.test(name))).to.equal(true);
    expect(new Set(names).size).to.equal(names.length);
  });
});

describe('ticketStream', () => {
  it('puts a ticket in the ticket category', () => expect(ticketStream('42')).to.equal('ticket-42'));
});
