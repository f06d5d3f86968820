/** Recurring maintenance a plan includes (seed 000: "atualizações necessárias e backups de segurança"). */
export const maintenanceKinds = ['security_updates', 'backup'] as const;
export type MaintenanceKind = (typeof maintenanceKinds)[number];

/**
 * A ticket is opened every `everyMonths` months from `firstPeriod`, on day `dayOfMonth` (1–28) at `localTime` in
 * the account's zone.
 */
export interface MaintenanceSchedule {
  readonly scheduleId: string;
  readonly kind: MaintenanceKind;
  readonly title: string;
  readonly description: string;
  readonly everyMonths: number;
  readonly dayOfMonth: number;
  readonly localTime: string;
  readonly firstPeriod: string;
}

export type MaintenanceScheduled = {
  type: 'MaintenanceScheduled';
  data: MaintenanceSchedule & { scheduledAt: string };
};
export type MaintenanceScheduleEnded = {
  type: 'MaintenanceScheduleEnded';
  data: { scheduleId: string; endedAt: string };
};
/** An occurrence came due at `dueAt`: the maintenance ticket of `occurrence` (a period) is opened as of then. */
export type MaintenanceTicketDue = {
  type: 'MaintenanceTicketDue';
  data: { scheduleId: string; occurrence: string; kind: MaintenanceKind; title: string; description: string; dueAt: string };
};

export type MaintenanceEvent = MaintenanceScheduled | MaintenanceScheduleEnded | MaintenanceTicketDue;

export const maintenanceEventNames: Record<MaintenanceEvent['type'], string> = {
  MaintenanceScheduled: 'hourbank.account.maintenance-scheduled.v1',
  MaintenanceScheduleEnded: 'hourbank.account.maintenance-schedule-ended.v1',
  MaintenanceTicketDue: 'hourbank.account.maintenance-ticket-due.v1',
};
