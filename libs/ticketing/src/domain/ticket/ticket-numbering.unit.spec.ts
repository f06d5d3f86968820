import { DeciderSpecification } from '#testing';
import { ticketDecider } from './ticket-decider.js';
import { TICKET, at, opened, rules } from './ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const assign = (number: number) => ({ type: 'AssignTicketNumber' as const, now: at('2026-11-16T11:00'), data: { number }, rules });

describe('AssignTicketNumber', () => {
  it('numbers an opened ticket', () =>
    spec([opened()]).when(assign(7)).then([{ type: 'TicketNumbered', data: { ticketId: TICKET, number: 7 } }]));
  it('does nothing when the ticket already has that number', () =>
    spec([opened(), { type: 'TicketNumbered', data: { ticketId: TICKET, number: 7 } }]).when(assign(7)).thenNothingHappens());
  it('refuses another number', () =>
    spec([opened(), { type: 'TicketNumbered', data: { ticketId: TICKET, number: 7 } }]).when(assign(8)).thenThrows('TICKET_ALREADY_NUMBERED'));
  it('refuses a ticket that was never opened', () => spec([]).when(assign(1)).thenThrows('TICKET_NOT_FOUND'));
});
