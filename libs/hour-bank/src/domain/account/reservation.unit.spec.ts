import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import { availableMinutes } from './account-queries.js';
import { at, debited, january, opened } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const now = '2026-01-10T12:00:00Z';
const reserve = (ticketId: string, minutes: number) =>
  ({ type: 'ReserveForTicket', data: { ticketId, minutes }, now: at(now) }) as const;
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

  it('refuses to reserve for a ticket already debited', () => {
    const done = debited('T1', now, { minutes: 0, covered: 0, shortfall: 0, period: '2026-01', paidBy: [] });
    spec([opened, january, done]).when(reserve('T1', 30)).thenThrows('TICKET_ALREADY_DEBITED');
  });

  it('releases a reservation', () =>
    spec([opened, january, reserved('T1', 100)])
      .when({ type: 'ReleaseReservation', data: { ticketId: 'T1' }, now: at(now) })
      .then([{ type: 'TicketReservationReleased', data: { ticketId: 'T1', minutes: 100, releasedAt: now } }]));

  it('does nothing when there is nothing to release', () =>
    spec([opened, january])
      .when({ type: 'ReleaseReservation', data: { ticketId: 'T1' }, now: at(now) })
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
