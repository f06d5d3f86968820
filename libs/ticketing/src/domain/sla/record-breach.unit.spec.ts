import { DeciderSpecification } from '#testing';
import type { SlaKind, TicketEvent } from '../ticket/events.js';
import { ticketDecider } from '../ticket/ticket-decider.js';
import { TICKET, agent, at, atRisk, calendar, command, estimated, event, iso, opened } from '../ticket/ticket.fixtures.js';

const spec = DeciderSpecification.for(ticketDecider);
const record = (kind: SlaKind, local: string) => ({ type: 'RecordSlaBreach' as const, data: { kind }, now: at(local), rules: { calendar, autoCloseBusinessDays: 5 } });
const breached = (kind: SlaKind, dueLocal: string): TicketEvent =>
  ({ type: 'SlaBreached', data: { ticketId: TICKET, kind, dueAt: iso(dueLocal) } });
const fridayStart = () => [opened('2026-11-13T17:00')];
const plain = () => [opened('2026-11-16T09:00'), estimated('2026-11-16T10:00', '2026-11-18T12:00')];
/** Friday 17:00 + 192 business minutes (80 % of 240): 60 on Friday, 132 on Monday from 09:00. */
const fridayAtRisk = atRisk('firstResponse', '2026-11-16T11:12', '2026-11-16T12:00');
/** Monday 10:00 → Wednesday 12:00 is 1200 business minutes; 80 % (960) is reached on Tuesday at 17:00. */
const promiseAtRisk = atRisk('deliveryPromise', '2026-11-17T17:00', '2026-11-18T12:00');

describe('RecordSlaBreach: first response of a START ticket opened Friday 17:00 (due Monday 12:00)', () => {
  it('records the breach with the due time once it has passed unmet', () =>
    spec(fridayStart()).when(record('firstResponse', '2026-11-16T12:01')).then([fridayAtRisk, breached('firstResponse', '2026-11-16T12:00')]));

  it('records the due time, not the noticing time, when noticed a week late', () =>
    spec(fridayStart()).when(record('firstResponse', '2026-11-23T15:00')).then([fridayAtRisk, breached('firstResponse', '2026-11-16T12:00')]));

  it('is refused at the due time itself: a response then would still meet it', () =>
    spec(fridayStart()).when(record('firstResponse', '2026-11-16T12:00')).thenThrows('SLA_DUE_TIME_NOT_PASSED'));

  it('is refused before the due time', () =>
    spec(fridayStart()).when(record('firstResponse', '2026-11-16T09:00')).thenThrows('SLA_DUE_TIME_NOT_PASSED'));

  it('does nothing the second time', () =>
    spec([...fridayStart(), breached('firstResponse', '2026-11-16T12:00')]).when(record('firstResponse', '2026-11-16T13:00'))
      .thenNothingHappens());

  it('does nothing when the response met the due time', () =>
    spec([...fridayStart(), event.clarificationRequested('2026-11-16T11:00')]).when(record('firstResponse', '2026-11-16T13:00'))
      .thenNothingHappens());

  it('does nothing when the client cancelled in time', () =>
    spec([...fridayStart(), event.cancelled('2026-11-16T11:00', 'client')]).when(record('firstResponse', '2026-11-16T13:00'))
      .thenNothingHappens());

  it('records a response that came late', () =>
    spec([...fridayStart(), estimated('2026-11-16T12:30', '2026-11-18T12:00')]).when(record('firstResponse', '2026-11-16T13:00'))
      .then([fridayAtRisk, breached('firstResponse', '2026-11-16T12:00')]));

  it('is refused on a ticket that does not exist', () =>
    spec([]).when(record('firstResponse', '2026-11-16T13:00')).thenThrows('TICKET_NOT_FOUND'));
});

describe('RecordSlaBreach: delivery promise estimated Monday 10:00 for Wednesday 12:00', () => {
  it('records no delivery promise before any estimate, only the first response broken before', () =>
    spec([opened('2026-11-16T09:00')]).when(record('deliveryPromise', '2026-11-25T12:00'))
      .then([atRisk('firstResponse', '2026-11-16T12:12', '2026-11-16T13:00'), breached('firstResponse', '2026-11-16T13:00')]));

  it('records the due time moved by waiting on the client', () =>
    spec([...plain(), event.clarificationRequested('2026-11-17T16:00'), event.clarificationProvided('2026-11-18T10:00')])
      .when(record('deliveryPromise', '2026-11-18T15:01'))
      // The wait (Tuesday 16:00 → Wednesday 10:00, 3 business hours) began before both instants: each moves 3 hours later.
      .then([atRisk('deliveryPromise', '2026-11-18T11:00', '2026-11-18T15:00'), breached('deliveryPromise', '2026-11-18T15:00')]));

  it('is refused while the client is awaited, the due time moving', () =>
    spec([...plain(), event.clarificationRequested('2026-11-18T11:00')]).when(record('deliveryPromise', '2026-11-18T15:00'))
      .thenThrows('SLA_DUE_TIME_NOT_PASSED'));

  it('records a late delivery after the fact', () =>
    spec([...plain(), event.delivered('2026-11-18T13:00')]).when(record('deliveryPromise', '2026-11-19T10:00'))
      .then([promiseAtRisk, breached('deliveryPromise', '2026-11-18T12:00')]));

  it('records no breach for a delivery in time, only that the promise was at risk on the way', () =>
    spec([...plain(), event.delivered('2026-11-18T12:00')]).when(record('deliveryPromise', '2026-11-19T10:00')).then([promiseAtRisk]));

  it('does nothing for a promise stopped by escalation in time', () =>
    spec([...plain(), event.escalated('2026-11-17T10:00')]).when(record('deliveryPromise', '2026-11-19T10:00')).thenNothingHappens());
});

describe('EstimateTicket replacing a broken delivery promise', () => {
  const reEstimate = command('EstimateTicket', {
    estimatedMinutes: 120, expectedDeliveryAt: at('2026-11-19T12:00'), availableMinutes: 500,
  }, '2026-11-18T14:00', agent);

  it('records the breach of the replaced promise first', () =>
    spec(plain()).when(reEstimate).then([promiseAtRisk, breached('deliveryPromise', '2026-11-18T12:00'), estimated('2026-11-18T14:00', '2026-11-19T12:00')]));

  it('records nothing again when the breach is already recorded', () =>
    spec([...plain(), breached('deliveryPromise', '2026-11-18T12:00')]).when(reEstimate).then([estimated('2026-11-18T14:00', '2026-11-19T12:00')]));
});
