import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import { balanceAsOf, lotsAsOf } from './account-queries.js';
import { at, calendar, debited, february, january, monthlyCredits, opened, startCredit, alertsOff } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const expire = (now: string) => ({ type: 'ExpireLots', data: {}, now: at(now), calendar }) as const;
const used45 = debited('T1', '2026-01-20T15:00:00Z', {
  minutes: 45, covered: 45, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 45 }],
});
const januaryExpired = (minutes: number): AccountEvent => ({
  type: 'LotExpired',
  data: { lotId: 'plan-2026-01', minutes, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' },
});

/** The rest of 2026 credited on time: at the start of 2027 only January's expiry and January's credit are due. */
const restOf2026 = monthlyCredits('2026-02', '2026-12');
const january2027 = startCredit('2027-01', '2027-01-01T03:00:00Z', '2028-01-01T03:00:00Z');

describe('account: lot expiry', () => {
  it("expires the unused minutes of a lot at the first instant of its period + 12, before that instant's credit", () =>
    spec([opened, alertsOff, january, used45, ...restOf2026]).when(expire('2027-01-01T03:00:00Z')).then([januaryExpired(135), january2027])); // 180 − 45

  it('does nothing a moment before', () =>
    spec([opened, alertsOff, january, used45, ...restOf2026]).when(expire('2027-01-01T02:59:59.999Z')).thenNothingHappens());

  it('expires an empty lot without an event', () => {
    const usedAll = debited('T1', '2026-01-20T15:00:00Z', {
      minutes: 180, covered: 180, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }],
    });
    spec([opened, alertsOff, january, usedAll, ...restOf2026]).when(expire('2027-01-01T03:00:00Z')).then([january2027]);
  });

  it('expires each due lot once, in FIFO order, leaving the others, each at its own instant', () => {
    spec([opened, alertsOff, january, february, ...monthlyCredits('2026-03', '2026-12')]).when(expire('2027-02-01T03:00:00Z')).then([
      januaryExpired(180),
      january2027,
      { type: 'LotExpired', data: { lotId: 'plan-2026-02', minutes: 180, expiredAt: '2027-02-01T03:00:00Z', period: '2027-02' } },
      startCredit('2027-02', '2027-02-01T03:00:00Z', '2028-02-01T03:00:00Z'),
    ]);
    spec([opened, alertsOff, january, february, ...monthlyCredits('2026-03', '2026-12'), januaryExpired(180), january2027]).when(expire('2027-01-20T03:00:00Z')).thenNothingHappens();
  });

  it('still expires lots of a cancelled account, which is owed no credit after its cancellation', () =>
    spec([opened, alertsOff, january, february, { type: 'AccountCancelled', data: { reason: 'ended', cancelledAt: '2026-02-10T12:00:00Z' } }])
      .when(expire('2027-01-01T03:00:00Z'))
      .then([januaryExpired(180)]));
});

describe('account: balance as of an instant', () => {
  const state = fold(accountDecider, [opened, alertsOff, january, february, used45]);

  it('counts every unexpired lot', () => expect(balanceAsOf(state, at('2026-12-31T12:00:00Z'))).to.equal(315)); // 135 + 180

  it('drops a lot at its expiry instant even before the expiry is written', () => {
    expect(balanceAsOf(state, at('2027-01-01T02:59:59.999Z'))).to.equal(315);
    expect(balanceAsOf(state, at('2027-01-01T03:00:00Z'))).to.equal(180);
  });

  it('lists the lots in the order a debit would use them', () =>
    expect(lotsAsOf(state, at('2026-12-31T12:00:00Z')).map((lot) => [lot.lotId, lot.minutes])).to.deep.equal([
      ['plan-2026-01', 135],
      ['plan-2026-02', 180],
    ]));

  it('is zero for an account never opened', () => expect(balanceAsOf(fold(accountDecider, []), at('2026-01-01T00:00:00Z'))).to.equal(0));
});
