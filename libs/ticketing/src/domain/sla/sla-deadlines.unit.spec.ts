import { expect } from 'chai';
import { fold } from '#kernel';
import type { TicketEvent } from '../ticket/events.js';
import { ticketDecider } from '../ticket/ticket-decider.js';
import { TICKET, at, calendar, estimated, event, iso, logged, opened } from '../ticket/ticket.fixtures.js';
import { autoCloseDueAt, nextSlaDeadlines } from './sla-deadlines.js';

const deadlines = (events: TicketEvent[], now: string) => nextSlaDeadlines(fold(ticketDecider, events), calendar, at(now));
const firstMs = (local: string) => at(local).add({ milliseconds: 1 }).toString();

describe('nextSlaDeadlines', () => {
  it('gives the first-response due time of a new ticket, to fire just after it', () =>
    expect(deadlines([opened('2026-11-13T17:00')], '2026-11-13T17:00')).to.deep.equal([
      { kind: 'firstResponse', dueAt: iso('2026-11-16T12:00'), fireAt: firstMs('2026-11-16T12:00') },
    ]));

  it('gives only the delivery promise once the estimate met the first response', () =>
    expect(deadlines([opened('2026-11-16T09:00'), estimated('2026-11-16T10:00', '2026-11-18T12:00')], '2026-11-16T10:00'))
      .to.deep.equal([{ kind: 'deliveryPromise', dueAt: iso('2026-11-18T12:00'), fireAt: firstMs('2026-11-18T12:00') }]));

  it('gives none while the promise is paused waiting on the client', () =>
    expect(deadlines([opened('2026-11-16T09:00'), estimated('2026-11-16T10:00', '2026-11-18T12:00'), event.clarificationRequested('2026-11-17T10:00')], '2026-11-17T10:00'))
      .to.deep.equal([]));

  it('still gives a breach not yet recorded, and none once recorded', () => {
    const late = [opened('2026-11-13T17:00'), event.clarificationRequested('2026-11-16T13:00')];
    expect(deadlines(late, '2026-11-16T13:00').map((d) => d.kind)).to.deep.equal(['firstResponse']);
    const recorded: TicketEvent = { type: 'SlaBreached', data: { ticketId: TICKET, kind: 'firstResponse', dueAt: iso('2026-11-16T12:00') } };
    expect(deadlines([...late, recorded], '2026-11-16T13:00')).to.deep.equal([]);
  });
});

describe('autoCloseDueAt', () => {
  const delivered = () => [opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00'), logged('e1', 90), event.delivered('2026-11-16T16:00')];

  it('is 5 business days (5 × 540 minutes) after delivery, skipping the 20 November holiday', () =>
    expect(autoCloseDueAt(fold(ticketDecider, delivered()), calendar)?.toString()).to.equal(iso('2026-11-24T16:00')));

  it('is gone after a revision request', () =>
    expect(autoCloseDueAt(fold(ticketDecider, [...delivered(), event.revisionRequested('2026-11-17T10:00')]), calendar)).to.equal(undefined));
});
