import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { CreditMonthlyPlan } from './account-commands.js';
import { at, basic, advanced, calendar, february, january, monthlyCredits, opened, startCredit, alertsOff } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const credit = (period: string, now: string): CreditMonthlyPlan => ({ type: 'CreditMonthlyPlan', data: { period }, now: at(now), calendar });
const planChanged = (plan: typeof basic, effectiveFrom: string, changedAt: string): AccountEvent => ({
  type: 'PlanChanged',
  data: { plan, effectiveFrom, changedAt },
});

describe('account: monthly credit', () => {
  it('credits a lot of the plan minutes at the period start, expiring at the first instant of P+12', () =>
    spec([opened, alertsOff]).when(credit('2026-01', '2026-01-01T03:00:00Z')).then([january]));

  it('credits once per period: a repeat does nothing', () =>
    spec([opened, alertsOff, january]).when(credit('2026-01', '2026-01-01T03:05:00Z')).thenNothingHappens());

  it('credits a late period as of its first instant when the scheduler was down', () =>
    spec([opened, alertsOff, january]).when(credit('2026-02', '2026-02-03T10:00:00Z')).then([february]));

  it('credits every period it missed, each as of its own start, in order', () =>
    spec([opened, alertsOff]).when(credit('2026-02', '2026-02-03T10:00:00Z')).then([january, february]));

  it('does not credit before the first period', () =>
    spec([opened, alertsOff]).when(credit('2025-12', '2026-01-01T03:00:00Z')).thenThrows('PERIOD_IS_BEFORE_THE_FIRST_PERIOD'));

  it('does not credit a period before it starts (local midnight is 03:00 UTC)', () =>
    spec([opened, alertsOff]).when(credit('2026-01', '2026-01-01T02:59:59.999Z')).thenThrows('PERIOD_HAS_NOT_STARTED'));

  it('refuses a malformed period', () =>
    spec([opened, alertsOff]).when(credit('2026-1', '2026-01-01T03:00:00Z')).thenThrows('PERIOD_MUST_BE_A_YEAR_AND_MONTH'));

  it('writes the expiries due at the same instant before the credit', () => {
    const expiry: AccountEvent = {
      type: 'LotExpired',
      data: { lotId: 'plan-2026-01', minutes: 180, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' },
    };
    const january2027 = startCredit('2027-01', '2027-01-01T03:00:00Z', '2028-01-01T03:00:00Z');
    spec([opened, alertsOff, ...monthlyCredits('2026-01', '2026-12')]).when(credit('2027-01', '2027-01-01T03:00:00Z')).then([expiry, january2027]);
  });

  describe('with a plan change', () => {
    const toBasic = planChanged(basic, '2026-02', '2026-01-20T15:00:00Z');

    it('keeps the old plan for the period of the change', () =>
      spec([opened, alertsOff, toBasic]).when(credit('2026-01', '2026-01-21T10:00:00Z')).then([january]));

    it('credits the new plan from the next period', () =>
      spec([opened, alertsOff, january, toBasic])
        .when(credit('2026-02', '2026-02-01T03:00:00Z'))
        .then([startCredit('2026-02', '2026-02-01T03:00:00Z', '2027-02-01T03:00:00Z', basic)]));

    it('takes the last of several changes in one period', () =>
      spec([opened, alertsOff, january, toBasic, planChanged(advanced, '2026-02', '2026-01-25T15:00:00Z')])
        .when(credit('2026-02', '2026-02-01T03:00:00Z'))
        .then([startCredit('2026-02', '2026-02-01T03:00:00Z', '2027-02-01T03:00:00Z', advanced)]));
  });

  describe('on a cancelled account', () => {
    const cancelledOn = (cancelledAt: string): AccountEvent => ({
      type: 'AccountCancelled',
      data: { reason: 'contract ended', cancelledAt },
    });

    it('credits no period that starts after the cancellation', () =>
      spec([opened, alertsOff, january, cancelledOn('2026-01-31T20:00:00Z')])
        .when(credit('2026-02', '2026-02-01T03:00:00Z'))
        .thenNothingHappens());

    it('still credits a period that had started when it was cancelled', () =>
      spec([opened, alertsOff, january, cancelledOn('2026-02-01T03:00:00Z')])
        .when(credit('2026-02', '2026-02-01T03:00:00Z'))
        .then([february]));
  });
});
