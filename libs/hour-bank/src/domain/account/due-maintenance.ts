import { Temporal } from 'temporal-polyfill';
import { bounds } from '#calendar';
import type { MaintenanceTicketDue } from './maintenance-events.js';
import type { OpenedAccount, ScheduledMaintenance } from './account-state.js';
import { type ZonedTerms, zoneFor } from './contract-terms.js';

/** When a schedule's occurrence of `period` is due: day `dayOfMonth` at `localTime`, in the zone in force that period. */
export const occurrenceDueAt = (book: ZonedTerms, schedule: Pick<ScheduledMaintenance, 'dayOfMonth' | 'localTime'>, period: string): Temporal.Instant => {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const [hour, minute] = schedule.localTime.split(':').map(Number) as [number, number];
  const local = Temporal.PlainDateTime.from({ year, month, day: schedule.dayOfMonth, hour, minute });
  return local.toZonedDateTime(zoneFor(book, period)).toInstant();
};

/** The earliest maintenance occurrence owed (none past the range of periods, nor after a cancellation). */
export const nextMaintenance = (account: OpenedAccount): { at: Temporal.Instant; event: MaintenanceTicketDue } | undefined => {
  let best: { at: Temporal.Instant; event: MaintenanceTicketDue } | undefined;
  for (const schedule of Object.values(account.maintenance ?? {})) {
    if (schedule.next === undefined || schedule.next > bounds.latestPeriod) continue;
    const at = occurrenceDueAt(account, schedule, schedule.next);
    if (account.status === 'cancelled' && Temporal.Instant.compare(at, Temporal.Instant.from(account.cancelledAt)) > 0) continue;
    if (best && (Temporal.Instant.compare(at, best.at) || (schedule.scheduleId < best.event.data.scheduleId ? -1 : 1)) > 0) continue;
    const { scheduleId, kind, title, description } = schedule;
    best = { at, event: { type: 'MaintenanceTicketDue', data: { scheduleId, occurrence: schedule.next, kind, title, description, dueAt: at.toString() } } };
  }
  return best;
};
