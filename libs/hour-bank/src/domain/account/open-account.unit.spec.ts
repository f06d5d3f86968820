import { DeciderSpecification } from '#testing';
import { accountDecider } from './account-decider.js';
import type { OpenAccount } from './account-commands.js';
import { acmeOpenedAt, acmeTerms, at, opened, start, calendar } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const openAcme = (overrides: Partial<OpenAccount['data']> = {}): OpenAccount => ({
  type: 'OpenAccount',
  data: { ...acmeTerms, ...overrides },
  now: at(acmeOpenedAt),
});

describe('account: opening', () => {
  it('opens with the client, plan terms, first period, zone, calendar and overage rate', () =>
    spec([]).when(openAcme()).then([opened]));

  it('refuses to open the same account twice', () => spec([opened]).when(openAcme()).thenThrows('ACCOUNT_ALREADY_OPENED'));

  it('needs a client name', () => spec([]).when(openAcme({ clientName: '  ' })).thenThrows('CLIENT_NAME_IS_REQUIRED'));

  it('needs a calendar', () => spec([]).when(openAcme({ calendarId: '' })).thenThrows('CALENDAR_IS_REQUIRED'));

  it('needs a known time zone', () =>
    spec([]).when(openAcme({ timeZone: 'America/Atlantis' })).thenThrows('TIME_ZONE_IS_UNKNOWN'));

  it('needs a first period written YYYY-MM', () =>
    spec([]).when(openAcme({ firstPeriod: '2026-13' })).thenThrows('PERIOD_MUST_BE_A_YEAR_AND_MONTH'));

  for (const rate of [0, -100, 150.5]) {
    it(`refuses an overage rate of ${rate} cents an hour`, () =>
      spec([]).when(openAcme({ overageRateCentsPerHour: rate })).thenThrows('OVERAGE_RATE_MUST_BE_POSITIVE_WHOLE_CENTS'));
  }

  it('refuses plan terms with no minutes', () =>
    spec([]).when(openAcme({ plan: { ...start, monthlyMinutes: 0 } })).thenThrows('PLAN_TERMS_ARE_INVALID'));

  it('refuses a CUSTOM plan under 1200 minutes a month', () => {
    const plan = { code: 'CUSTOM', monthlyMinutes: 1199, firstResponseBusinessMinutes: 120, catalogVersion: 1 } as const;
    spec([]).when(openAcme({ plan })).thenThrows('CUSTOM_PLAN_MINIMUM_IS_AT_LEAST_1200_MINUTES');
  });

  it('knows no account before it is opened', () =>
    spec([])
      .when({ type: 'CreditMonthlyPlan', data: { period: '2026-01' }, now: at('2026-01-01T03:00:00Z'), calendar })
      .thenThrows('ACCOUNT_NOT_FOUND'));
});
