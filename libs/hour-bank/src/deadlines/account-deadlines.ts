import { type BusinessCalendar, addPeriods, periodStart, startOfFirstBusinessDay } from '#calendar';
import type { DueItem, DueItemChange } from '#projections';
import { assertNever } from '#kernel';
import type { AccountEvent } from '../domain/account/account-events.js';
import type { AmendedTerms } from '../domain/account/account-state.js';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../domain/account/alert-events.js';
import { calendarIdFor, zoneFor } from '../domain/account/contract-terms.js';
import { expiryAlertAt } from '../domain/account/due-alerts.js';
import { occurrenceDueAt } from '../domain/account/due-maintenance.js';
import type { MaintenanceSchedule } from '../domain/account/maintenance-events.js';

/**
 * Deadline kinds of an account. Keys start with a rank so that items due at one instant fire in the order the
 * business fixed: lot expiries (1), then the monthly credit (2), then the contract's end and automatic closes (3), then
 * the rest (4–6).
 */
export const accountDeadlineKinds = {
  lotExpiry: 'account.lot-expiry',
  periodStart: 'account.period-start',
  contractEnd: 'account.contract-end',
  overageInvoice: 'account.overage-invoice',
  expiryAlert: 'account.expiry-alert',
  maintenance: 'account.maintenance',
} as const;

export interface AccountDeadlinePayload {
  readonly accountId: string;
  readonly period?: string;
  readonly lotId?: string;
  /** An expiry alert: the lot's expiry, to place the alert again when the settings or the zone change. */
  readonly expiresAt?: string;
  readonly scheduleId?: string;
  /** The event that set the deadline: the command it fires is caused by it. */
  readonly cause: { readonly id: string; readonly correlationId: string };
}

/** What the deadlines keep of an account: its zones and calendars by period, alert settings and maintenance schedules. */
export interface AccountFacts {
  readonly accountId: string;
  readonly timeZone: string;
  readonly calendarId: string;
  readonly amendments?: readonly AmendedTerms[];
  readonly alertSettings?: AlertSettings;
  readonly alertSettingsFrom?: string;
  readonly schedules?: Readonly<Record<string, Pick<MaintenanceSchedule, 'dayOfMonth' | 'localTime' | 'everyMonths'>>>;
}

type Cause = AccountDeadlinePayload['cause'];

/** The period arithmetic deadlines use, as ISO instants; a caller may pass a memoised one (same results). */
export interface PeriodInstants {
  readonly start: (period: string, timeZone: string) => string;
  readonly firstBusinessOpening: (calendar: BusinessCalendar, period: string) => string;
  readonly next: (period: string) => string;
}

export const periodInstants: PeriodInstants = {
  start: (period, timeZone) => periodStart(period, timeZone).toString(),
  firstBusinessOpening: (calendar, period) => startOfFirstBusinessDay(calendar, period).toString(),
  next: (period) => addPeriods(period, 1),
};

const item = (key: string, kind: string, dueAt: string, payload: AccountDeadlinePayload): DueItemChange => ({
  upsert: { key, kind, dueAt, payload } satisfies DueItem,
});

const lotExpiryKey = (accountId: string, lotId: string) => `1:lot-expiry:${accountId}:${lotId}`;
const invoiceKey = (accountId: string, period: string) => `4:overage-invoice:${accountId}:${period}`;
const expiryAlertKey = (accountId: string, lotId: string) => `5:expiry-alert:${accountId}:${lotId}`;
const contractEndKey = (accountId: string) => `3:contract-end:${accountId}:end`;
const maintenanceKey = (accountId: string, scheduleId: string, period: string) => `6:maintenance:${accountId}:${scheduleId}:${period}`;

/** Keys of the account's items that the account's terms place (re-placed when an amendment or the settings change). */
export const placedKeyPrefixes = (accountId: string): string[] =>
  [`3:contract-end:${accountId}:`, `4:overage-invoice:${accountId}:`, `5:expiry-alert:${accountId}:`, `6:maintenance:${accountId}:`];

const periodStartItem = (account: AccountFacts, period: string, cause: Cause, periods: PeriodInstants): DueItemChange =>
  item(`2:period-start:${account.accountId}:${period}`, accountDeadlineKinds.periodStart, periods.start(period, zoneFor(account, period)), {
    accountId: account.accountId,
    period,
    cause,
  });

const lotItems = (account: AccountFacts, lotId: string, expiresAt: string, cause: Cause): DueItemChange[] => {
  const { accountId } = account;
  return [item(lotExpiryKey(accountId, lotId), accountDeadlineKinds.lotExpiry, expiresAt, { accountId, lotId, cause }), ...expiryAlertItem(account, lotId, expiresAt, cause)];
};

/**
 * `expiryAlertAt` is pure in the zones (opening and amendments), the expiry, the days and the settings' instant, and
 * accounts of one zone credited on one day share them all: a bounded memo spares its Temporal zone arithmetic
 * (a rebuild asks it for every credit of every account).
 */
const alertInstants = new Map<string, string | null>();
const ALERT_INSTANTS_KEPT = 10_000;

const memoisedExpiryAlertAt = (account: AccountFacts, expiresAt: string, days: number): string | undefined => {
  const amendments = account.amendments?.length ? JSON.stringify(account.amendments) : '';
  const key = `${account.timeZone}|${account.calendarId}|${amendments}|${expiresAt}|${days}|${account.alertSettingsFrom ?? ''}`;
  let at = alertInstants.get(key);
  if (at === undefined) {
    at = expiryAlertAt(account, expiresAt, days, account.alertSettingsFrom)?.toString() ?? null;
    alertInstants.set(key, at);
    if (alertInstants.size > ALERT_INSTANTS_KEPT) alertInstants.delete(alertInstants.keys().next().value!);
  }
  return at ?? undefined;
};

const expiryAlertItem = (account: AccountFacts, lotId: string, expiresAt: string, cause: Cause): DueItemChange[] => {
  const settings = account.alertSettings ?? DEFAULT_ALERT_SETTINGS;
  const at = settings.expiringWithinDays > 0 ? memoisedExpiryAlertAt(account, expiresAt, settings.expiringWithinDays) : undefined;
  const key = expiryAlertKey(account.accountId, lotId);
  return at ? [item(key, accountDeadlineKinds.expiryAlert, at, { accountId: account.accountId, lotId, expiresAt, cause })] : [{ cancel: key }];
};

const invoiceItem = (account: AccountFacts, period: string, calendarOf: (id: string) => BusinessCalendar, cause: Cause, periods: PeriodInstants) => {
  const next = periods.next(period);
  const dueAt = periods.firstBusinessOpening(calendarOf(calendarIdFor(account, next)), next);
  return item(invoiceKey(account.accountId, period), accountDeadlineKinds.overageInvoice, dueAt, { accountId: account.accountId, period, cause });
};

/** The contract ends at the first instant after its last period (in the zone in force then). */
const contractEndItem = (account: AccountFacts, lastPeriod: string, cause: Cause): DueItemChange => {
  const next = addPeriods(lastPeriod, 1);
  const dueAt = periodStart(next, zoneFor(account, next)).toString();
  return item(contractEndKey(account.accountId), accountDeadlineKinds.contractEnd, dueAt, { accountId: account.accountId, period: lastPeriod, cause });
};

const maintenanceItem = (account: AccountFacts, scheduleId: string, period: string, cause: Cause): DueItemChange[] => {
  const schedule = account.schedules?.[scheduleId];
  if (!schedule) return [];
  const dueAt = occurrenceDueAt(account, schedule, period).toString();
  return [item(maintenanceKey(account.accountId, scheduleId, period), accountDeadlineKinds.maintenance, dueAt, { accountId: account.accountId, scheduleId, period, cause })];
};

/** An item the account's terms placed, placed again with the terms as they are now (same key and payload). */
export const replaced = (account: AccountFacts, kind: string, payload: AccountDeadlinePayload, calendarOf: (id: string) => BusinessCalendar): DueItemChange[] => {
  const { period, lotId, expiresAt, scheduleId, cause } = payload;
  if (kind === accountDeadlineKinds.overageInvoice && period) return [invoiceItem(account, period, calendarOf, cause, periodInstants)];
  if (kind === accountDeadlineKinds.expiryAlert && lotId && expiresAt) return expiryAlertItem(account, lotId, expiresAt, cause);
  if (kind === accountDeadlineKinds.maintenance && scheduleId && period) return maintenanceItem(account, scheduleId, period, cause);
  if (kind === accountDeadlineKinds.contractEnd && period) return [contractEndItem(account, period, cause)];
  return [];
};

/** The account events that set or cancel a deadline; no other account event changes one (reservations…). */
export const accountDeadlineEvents = [
  'AccountOpened', 'MonthlyPlanCredited', 'PackagePurchased', 'AdjustmentCredited', 'LotExpired', 'TicketDebited', 'OverageInvoiced',
  'PlanChanged', 'ContractAmended', 'AlertSettingsChanged', 'MaintenanceScheduled', 'MaintenanceScheduleEnded', 'MaintenanceTicketDue',
  'ContractEndScheduled', 'ContractRenewed', 'ContractEndWithdrawn', 'ContractEnded',
] as const satisfies readonly AccountEvent['type'][];

export type AccountDeadlineEvent = Extract<AccountEvent, { type: (typeof accountDeadlineEvents)[number] }>;

/**
 * What an account event does to the account's deadlines: the next period's start after each credit (a plan's first
 * period, a plan starting again), each lot's expiry and its alert, the overage invoice on the opening of the first
 * business day after a period with a shortfall, each maintenance occurrence, and the contract's end. `account` holds the facts after the
 * event; an amendment or new alert settings re-place the account's pending items (done by the projection).
 */
export const accountDeadlines = (
  event: AccountDeadlineEvent,
  account: AccountFacts,
  calendarOf: (calendarId: string) => BusinessCalendar,
  cause: Cause,
  periods: PeriodInstants = periodInstants,
): DueItemChange[] => {
  const { accountId } = account;
  switch (event.type) {
    case 'AccountOpened':
      return event.data.kind === 'package' ? [] : [periodStartItem(account, event.data.firstPeriod, cause, periods)];
    case 'MonthlyPlanCredited':
      return [periodStartItem(account, periods.next(event.data.period), cause, periods), ...lotItems(account, event.data.lotId, event.data.expiresAt, cause)];
    case 'PackagePurchased':
    case 'AdjustmentCredited':
      return lotItems(account, event.data.lotId, event.data.expiresAt, cause);
    case 'LotExpired':
      return [{ cancel: lotExpiryKey(accountId, event.data.lotId) }, { cancel: expiryAlertKey(accountId, event.data.lotId) }];
    case 'TicketDebited':
      return event.data.shortfall === 0 ? [] : [invoiceItem(account, event.data.period, calendarOf, cause, periods)];
    case 'OverageInvoiced':
      return [{ cancel: invoiceKey(accountId, event.data.period) }];
    case 'PlanChanged':
      return [periodStartItem(account, event.data.effectiveFrom, cause, periods)];
    case 'MaintenanceScheduled':
      return maintenanceItem(account, event.data.scheduleId, event.data.firstPeriod, cause);
    case 'MaintenanceTicketDue': {
      const schedule = account.schedules?.[event.data.scheduleId];
      return schedule ? maintenanceItem(account, event.data.scheduleId, addPeriods(event.data.occurrence, schedule.everyMonths), cause) : [];
    }
    case 'ContractEndScheduled':
    case 'ContractRenewed':
      return [contractEndItem(account, event.data.lastPeriod, cause)];
    case 'ContractEndWithdrawn':
    case 'ContractEnded':
      return [{ cancel: contractEndKey(accountId) }];
    // An ended schedule's pending item still fires, and finds nothing due (a nudge that writes nothing).
    case 'MaintenanceScheduleEnded':
    case 'ContractAmended':
    case 'AlertSettingsChanged':
      return [];
    default:
      return assertNever(event);
  }
};
