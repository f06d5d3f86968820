import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import { balanceAsOf, lotsAsOf } from './account-queries.js';
import { at, debited, february, january, opened } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const expire = (now: string) => ({ type: 'ExpireLots', data: {}, now: at(now) }) as const;
const used45 = debited('T1', '2026-01-20T15:00:00Z', {
  minutes: 45, covered: 45, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 45 }],
});
const januaryExpired = (minutes: number): AccountEvent => ({
  type: 'LotExpired',
  data: { lotId: 'plan-2026-01', minutes, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' },
});

describe('account: lot expiry', () => {
  it("expires the unused minutes of a lot at the first instant of its period + 12", () =>
    spec([opened, january, used45]).when(expire('2027-01-01T03:00:00Z')).then([januaryExpired(135)])); // 180 − 45

  it('does nothing a moment before', () =>
    spec([opened, january, used45]).when(expire('2027-01-01T02:59:59.999Z')).thenNothingHappens());

  it('expires an empty lot without an event', () => {
    const usedAll = debited('T1', '2026-01-20T15:00:00Z', {
      minutes: 180, covered: 180, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }],
    });
    spec([opened, january, usedAll]).when(expire('2027-01-01T03:00:00Z')).thenNothingHappens();
  });

  it('expires each due lot once, in FIFO order, leaving the others', () => {
    spec([opened, january, february]).when(expire('2027-02-01T03:00:00Z')).then([
      januaryExpired(180),
      { type: 'LotExpired', data: { lotId: 'plan-2026-02', minutes: 180, expiredAt: '2027-02-01T03:00:00Z', period: '2027-02' } },
    ]);
    spec([opened, january, february, januaryExpired(180)]).when(expire('2027-01-20T03:00:00Z')).thenNothingHappens();
  });

  it('still expires lots of a cancelled account', () =>
    spec([opened, january, { type: 'AccountCancelled', data: { reason: 'ended', cancelledAt: '2026-03-01T12:00:00Z' } }])
      .when(expire('2027-01-01T03:00:00Z'))
      .then([januaryExpired(180)]));
});

describe('account: balance as of an instant', () => {
  const state = fold(accountDecider, [opened, january, february, used45]);

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
