import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { ChangePlan } from './account-commands.js';
import { at, basic, calendar, february, january, march, opened, start } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const changeTo = (plan: typeof basic, now: string): ChangePlan => ({ type: 'ChangePlan', data: { plan }, now: at(now), calendar });
const cancelled: AccountEvent = {
  type: 'AccountCancelled',
  data: { reason: 'contract ended', cancelledAt: '2026-03-10T12:00:00Z' },
};

describe('account: plan change', () => {
  it('takes effect from the next period in the account zone', () =>
    // 2026-01-31T23:30 in São Paulo is 2026-02-01T02:30Z: still January there, so February is next.
    spec([opened, january]).when(changeTo(basic, '2026-02-01T02:30:00Z')).then([
      { type: 'PlanChanged', data: { plan: basic, effectiveFrom: '2026-02', changedAt: '2026-02-01T02:30:00Z' } },
    ]));

  it('never takes effect before the first period', () =>
    spec([opened]).when(changeTo(basic, '2025-12-20T12:00:00Z')).then([
      { type: 'PlanChanged', data: { plan: basic, effectiveFrom: '2026-01', changedAt: '2025-12-20T12:00:00Z' } },
    ]));

  it('does nothing when the next period already has those terms', () =>
    spec([opened, january]).when(changeTo(start, '2026-01-10T12:00:00Z')).thenNothingHappens());

  it('refuses invalid terms', () =>
    spec([opened]).when(changeTo({ ...basic, firstResponseBusinessMinutes: -1 }, '2026-01-10T12:00:00Z')).thenThrows(
      'PLAN_TERMS_ARE_INVALID',
    ));

  it('refuses a change on a cancelled account', () =>
    spec([opened, january, cancelled]).when(changeTo(basic, '2026-03-11T12:00:00Z')).thenThrows('ACCOUNT_IS_CANCELLED'));
});

describe('account: cancellation', () => {
  it('cancels with a reason', () =>
    spec([opened, january, february, march])
      .when({ type: 'CancelAccount', data: { reason: 'contract ended' }, now: at('2026-03-10T12:00:00Z'), calendar })
      .then([cancelled]));

  it('is owed the credits of the periods that started before it, written first when the scheduler was late', () =>
    spec([opened, january])
      .when({ type: 'CancelAccount', data: { reason: 'contract ended' }, now: at('2026-03-10T12:00:00Z'), calendar })
      .then([february, march, cancelled]));

  it('needs a reason', () =>
    spec([opened])
      .when({ type: 'CancelAccount', data: { reason: '' }, now: at('2026-03-10T12:00:00Z'), calendar })
      .thenThrows('CANCELLATION_REQUIRES_A_REASON'));

  it('does nothing the second time', () =>
    spec([opened, cancelled])
      .when({ type: 'CancelAccount', data: { reason: 'again' }, now: at('2026-03-11T12:00:00Z'), calendar })
      .thenNothingHappens());
});
