import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { DebitTicket } from './account-commands.js';
import { availableMinutes, shortfallOf } from './account-queries.js';
import { at, calendar, debited, february, january, opened, alertsOff, shortfallAlerted } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const debit = (ticketId: string, minutes: number, now: string): DebitTicket => ({
  type: 'DebitTicket',
  data: { ticketId, minutes },
  now: at(now),
  calendar,
});
const januaryPackage = (purchasedAt: string, expiresAt = '2027-01-01T03:00:00Z'): AccountEvent => ({
  type: 'PackagePurchased',
  data: { packageId: 'p1', lotId: 'package-p1', minutes: 60, period: '2026-01', purchasedAt, expiresAt },
});
const reserved = (ticketId: string, minutes: number): AccountEvent => ({
  type: 'MinutesReservedForTicket',
  data: { ticketId, minutes, reservedAt: '2026-01-10T12:00:00Z' },
});

describe('account: ticket debit', () => {
  it('takes the minutes from the lot that expires first and records what each lot paid', () =>
    spec([opened, alertsOff, january, januaryPackage('2026-01-15T12:00:00Z')]).when(debit('T1', 200, '2026-01-20T15:00:00Z')).then([
      debited('T1', '2026-01-20T15:00:00Z', {
        minutes: 200,
        covered: 200,
        shortfall: 0,
        period: '2026-01',
        paidBy: [
          { lotId: 'plan-2026-01', minutes: 180 },
          { lotId: 'package-p1', minutes: 20 },
        ],
      }),
    ]));

  it('orders by expiry before credit order: a later credit expiring sooner pays first', () => {
    const lateJanuary = { ...january, data: { ...january.data, creditedAt: '2026-02-03T12:00:00Z' } };
    const februaryPackage = januaryPackage('2026-02-02T12:00:00Z', '2027-02-01T03:00:00Z');
    spec([opened, alertsOff, februaryPackage, lateJanuary, february]).when(debit('T1', 200, '2026-02-04T15:00:00Z')).thenEvents((events) => {
      expect(events).to.have.length(1);
      expect((events[0]?.data as { paidBy: unknown }).paidBy).to.deep.equal([
        { lotId: 'plan-2026-01', minutes: 180 },
        { lotId: 'package-p1', minutes: 20 },
      ]);
    });
  });

  it('records what the lots cannot cover as a shortfall of the period of the debit', () =>
    // 23:30 on 31 January in São Paulo: the close belongs to January.
    spec([opened, alertsOff, january]).when(debit('T1', 200, '2026-02-01T02:30:00Z')).then([
      debited('T1', '2026-02-01T02:30:00Z', {
        minutes: 200,
        covered: 180,
        shortfall: 20,
        period: '2026-01',
        paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }],
      }),
      shortfallAlerted('2026-01', 20, '2026-02-01T02:30:00Z'),
    ]));

  it('adds up the shortfalls of a period', () => {
    const first = debited('T1', '2026-01-20T15:00:00Z', {
      minutes: 200, covered: 180, shortfall: 20, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }],
    });
    const second = debited('T2', '2026-01-21T15:00:00Z', { minutes: 7, covered: 0, shortfall: 7, period: '2026-01', paidBy: [] });
    expect(shortfallOf(fold(accountDecider, [opened, alertsOff, january, first, second]), '2026-01')).to.equal(27);
  });

  it('does not use a lot that expires at the instant of the debit: its expiry is written first', () =>
    // Cancelled in January 2026, the account is owed no later credit: January's lot is all it has.
    spec([opened, alertsOff, january, { type: 'AccountCancelled', data: { reason: 'ended', cancelledAt: '2026-01-10T12:00:00Z' } }]).when(debit('T1', 30, '2027-01-01T03:00:00Z')).then([
      { type: 'LotExpired', data: { lotId: 'plan-2026-01', minutes: 180, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' } },
      debited('T1', '2027-01-01T03:00:00Z', { minutes: 30, covered: 0, shortfall: 30, period: '2027-01', paidBy: [] }),
      shortfallAlerted('2027-01', 30, '2027-01-01T03:00:00Z'),
    ]));

  it('is idempotent by ticket', () => {
    const once = debited('T1', '2026-01-20T15:00:00Z', {
      minutes: 30, covered: 30, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 30 }],
    });
    spec([opened, alertsOff, january, once]).when(debit('T1', 30, '2026-01-21T15:00:00Z')).thenNothingHappens();
    spec([opened, alertsOff, january, once])
      .when(debit('T1', 45, '2026-01-21T15:00:00Z'))
      .thenThrows('IDEMPOTENCY_KEY_REUSED_WITH_DIFFERENT_MINUTES');
  });

  it('records a ticket closed with nothing logged', () =>
    spec([opened, alertsOff, january]).when(debit('T1', 0, '2026-01-20T15:00:00Z')).then([
      debited('T1', '2026-01-20T15:00:00Z', { minutes: 0, covered: 0, shortfall: 0, period: '2026-01', paidBy: [] }),
    ]));

  it('refuses negative or fractional minutes', () => {
    spec([opened, alertsOff]).when(debit('T1', -5, '2026-01-20T15:00:00Z')).thenThrows('DEBIT_MUST_BE_A_WHOLE_NUMBER_OF_MINUTES');
    spec([opened, alertsOff]).when(debit('T1', 1.5, '2026-01-20T15:00:00Z')).thenThrows('DEBIT_MUST_BE_A_WHOLE_NUMBER_OF_MINUTES');
  });

  it('still debits a cancelled account', () =>
    spec([opened, alertsOff, january, { type: 'AccountCancelled', data: { reason: 'ended', cancelledAt: '2026-01-10T12:00:00Z' } }])
      .when(debit('T1', 30, '2026-01-20T15:00:00Z'))
      .then([
        debited('T1', '2026-01-20T15:00:00Z', {
          minutes: 30, covered: 30, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 30 }],
        }),
      ]));

  it("ends the ticket's reservation", () => {
    const events = [opened, alertsOff, january, reserved('T1', 100), reserved('T2', 50)];
    const [debitEvent] = accountDecider.decide(debit('T1', 60, '2026-01-20T15:00:00Z'), fold(accountDecider, events));
    const after = fold(accountDecider, [...events, debitEvent as AccountEvent]);
    // 180 − 60 debited = 120 left; T2 still reserves 50; T1's 100 is gone: 120 − 50 = 70.
    expect(availableMinutes(after, at('2026-01-20T15:00:00Z'), 'T3')).to.equal(70);
  });
});
