import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import { availableMinutes } from './account-queries.js';
import { at, debited, january, opened, calendar } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const now = '2026-01-10T12:00:00Z';
const reserve = (ticketId: string, minutes: number) =>
  ({ type: 'ReserveForTicket', data: { ticketId, minutes }, now: at(now), calendar }) as const;
const reserved = (ticketId: string, minutes: number): AccountEvent => ({
  type: 'MinutesReservedForTicket',
  data: { ticketId, minutes, reservedAt: now },
});

describe('account: reservations for estimates', () => {
  it("reserves a ticket's estimate", () => spec([opened, january]).when(reserve('T1', 100)).then([reserved('T1', 100)]));

  it('replaces the previous reservation of the same ticket on a new estimate', () => {
    const state = fold(accountDecider, [opened, january, reserved('T1', 100), reserved('T1', 150)]);
    expect(availableMinutes(state, at(now), 'T9')).to.equal(30); // 180 − 150, not 180 − 250
  });

  it('does nothing when the estimate is unchanged', () =>
    spec([opened, january, reserved('T1', 100)]).when(reserve('T1', 100)).thenNothingHappens());

  it('needs whole positive minutes', () =>
    spec([opened, january]).when(reserve('T1', 0)).thenThrows('MINUTES_MUST_BE_A_POSITIVE_WHOLE_NUMBER'));

  it('does nothing for a ticket already debited: a replayed estimate is overtaken, its reservation ended with the debit', () => {
    const done = debited('T1', now, { minutes: 0, covered: 0, shortfall: 0, period: '2026-01', paidBy: [] });
    spec([opened, january, done]).when(reserve('T1', 30)).thenNothingHappens();
  });

  it('does nothing for a ticket revision it already followed (a replay or a redelivery)', () =>
    spec([opened, january, { type: 'MinutesReservedForTicket', data: { ticketId: 'T1', minutes: 100, reservedAt: now, ticketRevision: 7 } }])
      .when({ ...reserve('T1', 40), data: { ticketId: 'T1', minutes: 40, ticketRevision: 3 } })
      .thenNothingHappens());

  it('does nothing for an estimate recorded before gates that a later ticket event overtook (its replay cannot be ordered otherwise)', () =>
    spec([opened, january, reserved('T1', 150)])
      .when({ ...reserve('T1', 100), data: { ticketId: 'T1', minutes: 100, ticketRevision: 3, overtaken: true } })
      .thenNothingHappens());

  it('orders a gated estimate by its revision alone, however far behind the reactor is', () =>
    spec([opened, january])
      .when({ ...reserve('T1', 100), data: { ticketId: 'T1', minutes: 100, ticketRevision: 3, estimateId: 'e1', overtaken: true } })
      .then([{ type: 'MinutesReservedForTicket', data: { ticketId: 'T1', minutes: 100, reservedAt: now, ticketRevision: 3, estimateId: 'e1' } }]));

  it('is dated when the ticket event happened, not when the account follows it', () =>
    spec([opened, january])
      .when({ ...reserve('T1', 40), data: { ticketId: 'T1', minutes: 40, ticketRevision: 3, at: at('2026-01-09T12:00:00Z') } })
      .then([{ type: 'MinutesReservedForTicket', data: { ticketId: 'T1', minutes: 40, reservedAt: '2026-01-09T12:00:00Z', ticketRevision: 3 } }]));

  it('releases a reservation', () =>
    spec([opened, january, reserved('T1', 100)])
      .when({ type: 'ReleaseReservation', data: { ticketId: 'T1' }, now: at(now), calendar })
      .then([{ type: 'TicketReservationReleased', data: { ticketId: 'T1', minutes: 100, releasedAt: now } }]));

  it('does nothing when there is nothing to release', () =>
    spec([opened, january])
      .when({ type: 'ReleaseReservation', data: { ticketId: 'T1' }, now: at(now), calendar })
      .thenNothingHappens());
});

describe('account: available minutes', () => {
  const state = fold(accountDecider, [opened, january, reserved('T1', 100), reserved('T2', 50)]);

  it("subtract the other tickets' reservations, not the asking ticket's own", () => {
    expect(availableMinutes(state, at(now), 'T1')).to.equal(130); // 180 − 50
    expect(availableMinutes(state, at(now), 'T3')).to.equal(30); // 180 − 100 − 50
  });

  it('may be negative', () => {
    const over = fold(accountDecider, [opened, january, reserved('T1', 100), reserved('T2', 150)]);
    expect(availableMinutes(over, at(now), 'T3')).to.equal(-70); // 180 − 250
  });

  it('count only lots not expired at that instant', () => {
    expect(availableMinutes(state, at('2027-01-01T02:59:59.999Z'), 'T1')).to.equal(130);
    expect(availableMinutes(state, at('2027-01-01T03:00:00Z'), 'T1')).to.equal(-50); // January's lot is gone
  });
});
