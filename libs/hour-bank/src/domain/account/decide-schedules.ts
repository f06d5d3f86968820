import { addPeriods, assertPeriodInRange } from '#calendar';
import { DomainError } from '#kernel';
import type { AccountEvent } from './account-events.js';
import type { AccountState } from './account-state.js';
import type { ChangeAlertSettings, EndMaintenanceSchedule, ScheduleMaintenance } from './contract-commands.js';
import { alertSettingsOf } from './due-alerts.js';
import { occurrenceDueAt } from './due-maintenance.js';
import { afterDueFacts, notCancelled, opened, requiredText } from './guards.js';
import { maintenanceKinds } from './maintenance-events.js';
import { assertPeriod } from './time.js';
import { Temporal } from 'temporal-polyfill';

const MAX_EXPIRY_NOTICE_DAYS = 180;
const MONTH_INTERVALS = [1, 2, 3, 4, 6, 12];

const wholeAtLeastZero = (value: unknown, max: number, code: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    throw new DomainError(code, `A whole number from 0 to ${max}`, { value });
  }
  return value;
};

/** When the account's alerts fire; zero turns an alert off. The same settings again change nothing. */
export const changeAlertSettings = ({ data, now, calendar }: ChangeAlertSettings, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const lowBalanceMinutes = wholeAtLeastZero(data.lowBalanceMinutes, 100_000, 'LOW_BALANCE_THRESHOLD_MUST_BE_WHOLE_MINUTES');
  const expiringWithinDays = wholeAtLeastZero(data.expiringWithinDays, MAX_EXPIRY_NOTICE_DAYS, 'EXPIRY_NOTICE_MUST_BE_0_TO_180_DAYS');
  const current = alertSettingsOf(account);
  if (current.lowBalanceMinutes === lowBalanceMinutes && current.expiringWithinDays === expiringWithinDays) return [];
  return afterDueFacts(account, now, calendar, () => [
    { type: 'AlertSettingsChanged', data: { lowBalanceMinutes, expiringWithinDays, changedAt: now.toString() } },
  ]);
};

const validSchedule = (data: ScheduleMaintenance['data']): ScheduleMaintenance['data'] => {
  if (!maintenanceKinds.includes(data.kind)) throw new DomainError('MAINTENANCE_KIND_IS_UNKNOWN', 'Security updates or backup', { kind: data.kind });
  if (!MONTH_INTERVALS.includes(data.everyMonths)) {
    throw new DomainError('MAINTENANCE_INTERVAL_IS_UNSUPPORTED', `Every ${MONTH_INTERVALS.join(', ')} months`, { everyMonths: data.everyMonths });
  }
  if (!Number.isSafeInteger(data.dayOfMonth) || data.dayOfMonth < 1 || data.dayOfMonth > 28) {
    throw new DomainError('MAINTENANCE_DAY_MUST_BE_1_TO_28', 'A day every month has: 1 to 28', { dayOfMonth: data.dayOfMonth });
  }
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(data.localTime)) throw new DomainError('MAINTENANCE_TIME_MUST_BE_HH_MM', 'A local time HH:MM', { localTime: data.localTime });
  return {
    scheduleId: requiredText(data.scheduleId, 'SCHEDULE_ID_IS_REQUIRED', 'The schedule id'),
    kind: data.kind, title: requiredText(data.title, 'MAINTENANCE_TITLE_IS_REQUIRED', 'A title'), description: (data.description ?? '').trim(),
    everyMonths: data.everyMonths, dayOfMonth: data.dayOfMonth, localTime: data.localTime,
    firstPeriod: assertPeriodInRange(assertPeriod(data.firstPeriod), 'firstPeriod'),
  };
};

/**
 * A recurring maintenance ticket (security updates, backups) every N months. The first occurrence is the first one
 * from `firstPeriod` that is still to come: a schedule never opens tickets dated before it was agreed.
 */
export const scheduleMaintenance = ({ data, now, calendar }: ScheduleMaintenance, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state);
  const schedule = validSchedule(data);
  if (account.maintenance?.[schedule.scheduleId]) return [];
  let firstPeriod = schedule.firstPeriod;
  while (Temporal.Instant.compare(occurrenceDueAt(account, schedule, firstPeriod), now) < 0) firstPeriod = addPeriods(firstPeriod, schedule.everyMonths);
  return afterDueFacts(account, now, calendar, () => [{ type: 'MaintenanceScheduled', data: { ...schedule, firstPeriod, scheduledAt: now.toString() } }]);
};

export const endMaintenanceSchedule = ({ data, now, calendar }: EndMaintenanceSchedule, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const schedule = account.maintenance?.[data.scheduleId];
  if (!schedule) throw new DomainError('MAINTENANCE_SCHEDULE_NOT_FOUND', 'No such schedule', { scheduleId: data.scheduleId });
  if (schedule.next === undefined) return [];
  return afterDueFacts(account, now, calendar, () => [{ type: 'MaintenanceScheduleEnded', data: { scheduleId: data.scheduleId, endedAt: now.toString() } }]);
};
