import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { AdjustBalance, PurchasePackage } from './account-commands.js';
import { at, calendar, february, january, march, opened } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const buy = (packageId: string, minutes: number, now: string): PurchasePackage => ({
  type: 'PurchasePackage',
  data: { packageId, minutes },
  now: at(now),
  calendar,
});
const adjust = (minutes: number, reason = 'migration from the old system', id = 'adj-1'): AdjustBalance => ({
  type: 'AdjustBalance',
  data: { adjustmentId: id, minutes, reason },
  now: at('2026-02-10T12:00:00Z'),
  calendar,
});
const cancelled: AccountEvent = { type: 'AccountCancelled', data: { reason: 'ended', cancelledAt: '2026-02-05T12:00:00Z' } };
const package600: AccountEvent = {
  type: 'PackagePurchased',
  data: {
    packageId: 'pkg-1',
    lotId: 'package-pkg-1',
    minutes: 600,
    period: '2026-03',
    purchasedAt: '2026-03-15T12:00:00Z',
    expiresAt: '2027-03-01T03:00:00Z',
  },
};

describe('account: single package', () => {
  it('credits a lot that expires at the first instant of its period + 12', () =>
    spec([opened, january, february, march]).when(buy('pkg-1', 600, '2026-03-15T12:00:00Z')).then([package600]));

  it('comes after the credits already due, written first when the scheduler is late', () =>
    spec([opened, january]).when(buy('pkg-1', 600, '2026-03-15T12:00:00Z')).then([february, march, package600]));

  it('takes its period in the account zone (23:00 on 28 February there is still February)', () =>
    spec([opened, january, february]).when(buy('pkg-1', 600, '2026-03-01T02:00:00Z')).then([
      {
        type: 'PackagePurchased',
        data: { ...package600.data, period: '2026-02', purchasedAt: '2026-03-01T02:00:00Z', expiresAt: '2027-02-01T03:00:00Z' },
      } as AccountEvent,
    ]));

  it('is idempotent by package id', () =>
    spec([opened, package600]).when(buy('pkg-1', 600, '2026-03-16T12:00:00Z')).thenNothingHappens());

  it('refuses a package id reused with other minutes', () =>
    spec([opened, package600])
      .when(buy('pkg-1', 300, '2026-03-16T12:00:00Z'))
      .thenThrows('IDEMPOTENCY_KEY_REUSED_WITH_DIFFERENT_MINUTES'));

  it('needs whole positive minutes', () =>
    spec([opened]).when(buy('pkg-2', 0, '2026-03-16T12:00:00Z')).thenThrows('MINUTES_MUST_BE_A_POSITIVE_WHOLE_NUMBER'));

  it('is not sold to a cancelled account', () =>
    spec([opened, cancelled]).when(buy('pkg-2', 60, '2026-03-16T12:00:00Z')).thenThrows('ACCOUNT_IS_CANCELLED'));
});

describe('account: manual adjustment', () => {
  const base = { adjustmentId: 'adj-1', reason: 'migration from the old system', period: '2026-02' };

  it('credits a positive adjustment as a lot with the usual expiry', () =>
    spec([opened, january, february]).when(adjust(30)).then([
      {
        type: 'AdjustmentCredited',
        data: {
          ...base,
          lotId: 'adjustment-adj-1',
          minutes: 30,
          adjustedAt: '2026-02-10T12:00:00Z',
          expiresAt: '2027-02-01T03:00:00Z',
        },
      },
    ]));

  it('takes a negative adjustment from the lots FIFO', () =>
    spec([opened, january, february]).when(adjust(-200)).then([
      {
        type: 'AdjustmentDebited',
        data: {
          ...base,
          minutes: 200,
          adjustedAt: '2026-02-10T12:00:00Z',
          paidBy: [
            { lotId: 'plan-2026-01', minutes: 180 },
            { lotId: 'plan-2026-02', minutes: 20 },
          ],
        },
      },
    ]));

  it('refuses a negative adjustment over the balance: it never makes a shortfall', () =>
    spec([opened, january, february]).when(adjust(-361)).thenThrows('NEGATIVE_ADJUSTMENT_EXCEEDS_BALANCE'));

  it('counts only unexpired lots in that balance', () =>
    // Cancelled in January: no later credit; January's lot is gone at 2027-01-01T03:00Z.
    spec([opened, january, { ...cancelled, data: { ...cancelled.data, cancelledAt: '2026-01-20T12:00:00Z' } }])
      .when({ ...adjust(-1), now: at('2027-01-01T03:00:00Z') })
      .thenThrows('NEGATIVE_ADJUSTMENT_EXCEEDS_BALANCE'));

  it('requires a reason', () => spec([opened, january]).when(adjust(30, ' ')).thenThrows('ADJUSTMENT_REQUIRES_A_REASON'));

  it('refuses zero minutes', () =>
    spec([opened]).when(adjust(0)).thenThrows('ADJUSTMENT_MUST_BE_A_NONZERO_WHOLE_NUMBER_OF_MINUTES'));

  it('is idempotent by adjustment id', () =>
    spec([opened, january, february]).when(adjust(-200)).thenEvents((events) => {
      const [first] = events;
      spec([opened, january, february, first as AccountEvent]).when(adjust(-200)).thenNothingHappens();
    }));

  it('credits nothing to a cancelled account', () =>
    spec([opened, january, cancelled]).when(adjust(30)).thenThrows('ACCOUNT_IS_CANCELLED'));

  it('may still take minutes from a cancelled account', () =>
    spec([opened, january, february, cancelled]).when(adjust(-30)).thenEvents((events) => {
      if (events[0]?.type !== 'AdjustmentDebited' || events[0].data.minutes !== 30) {
        throw new Error(`expected a 30-minute AdjustmentDebited, got ${JSON.stringify(events)}`);
      }
    }));
});
