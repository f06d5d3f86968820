import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from '#calendar';
import type { PlanTerms } from '../plans/plan-terms.js';
import type { AccountEvent, AccountTerms, MonthlyPlanCredited } from './account-events.js';

/** Shared givens for the account specs. Instants are written by hand: São Paulo is UTC−3 all year. */
export const at = (iso: string): Temporal.Instant => Temporal.Instant.from(iso);

export const start: PlanTerms = { code: 'START', monthlyMinutes: 180, firstResponseBusinessMinutes: 240, catalogVersion: 1 };
export const basic: PlanTerms = { code: 'BASIC', monthlyMinutes: 420, firstResponseBusinessMinutes: 180, catalogVersion: 1 };
export const advanced: PlanTerms = {
  code: 'ADVANCED',
  monthlyMinutes: 900,
  firstResponseBusinessMinutes: 120,
  catalogVersion: 1,
};

export const acmeTerms: AccountTerms = {
  accountId: 'acme',
  clientName: 'Acme Ltda',
  plan: start,
  firstPeriod: '2026-01',
  timeZone: 'America/Sao_Paulo',
  calendarId: 'sp',
  overageRateCentsPerHour: 15030,
};
export const acmeOpenedAt = '2025-12-15T12:00:00Z';

export const opened: AccountEvent = { type: 'AccountOpened', data: { ...acmeTerms, kind: 'plan', openedAt: acmeOpenedAt } };

/** A START credit of `period` made at its first instant; `starts` and `expires` are the hand-computed instants. */
export const startCredit = (period: string, starts: string, expires: string, plan = start): MonthlyPlanCredited => ({
  type: 'MonthlyPlanCredited',
  data: { period, lotId: `plan-${period}`, minutes: plan.monthlyMinutes, plan, creditedAt: starts, expiresAt: expires },
});

export const january = startCredit('2026-01', '2026-01-01T03:00:00Z', '2027-01-01T03:00:00Z');
export const february = startCredit('2026-02', '2026-02-01T03:00:00Z', '2027-02-01T03:00:00Z');
export const march = startCredit('2026-03', '2026-03-01T03:00:00Z', '2027-03-01T03:00:00Z');

/** A debit processed when its ticket ended, unless `data` gives another `endedAt`. */
export const debited = (ticketId: string, debitedAt: string, data: Partial<Record<string, unknown>>): AccountEvent =>
  ({ type: 'TicketDebited', data: { ticketId, endedAt: debitedAt, debitedAt, ...data } }) as AccountEvent;

/** The business calendar of the fixtures' account (`calendarId: 'sp'`): São Paulo, Mon–Fri 09:00–18:00, national holidays. */
export const calendar = defaultCalendar('sp');

const nextMonth = (period: string, months = 1): string => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + month - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

/** START credits of every period from `from` to `to`, each made at its first instant (03:00Z in São Paulo). */
export const monthlyCredits = (from: string, to: string, plan = start): MonthlyPlanCredited[] => {
  const credits: MonthlyPlanCredited[] = [];
  for (let period = from; period <= to; period = nextMonth(period)) {
    credits.push(startCredit(period, `${period}-01T03:00:00Z`, `${nextMonth(period, 12)}-01T03:00:00Z`, plan));
  }
  return credits;
};

/** Low-balance and expiry alerts off, for the specs of other rules (alerts have their own: alerts.unit.spec.ts). */
export const alertsOff: AccountEvent = { type: 'AlertSettingsChanged', data: { lowBalanceMinutes: 0, expiringWithinDays: 0, changedAt: acmeOpenedAt } };

/** The alert a period's first shortfall raises with its debit (round half up of minutes × rate / 60). */
export const shortfallAlerted = (period: string, shortfallMinutes: number, alertedAt: string, rateCentsPerHour = 15030): AccountEvent => ({
  type: 'ShortfallAlerted',
  data: { period, shortfallMinutes, rateCentsPerHour, estimatedAmountCents: Math.floor((shortfallMinutes * rateCentsPerHour * 2 + 60) / 120), alertedAt },
});
