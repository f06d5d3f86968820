import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountCommand } from './account-commands.js';
import { accountDecider } from './account-decider.js';
import type { AccountEvent } from './account-events.js';
import { alertsOff, at, calendar, january, opened } from './account-fixtures.js';
import type { OpenedAccount } from './account-state.js';
import { dueFacts } from './due-facts.js';
import type { MaintenanceSchedule } from './maintenance-events.js';

const spec = DeciderSpecification.for(accountDecider);
const account = (events: AccountEvent[]) => fold(accountDecider, events) as OpenedAccount;
const backups: MaintenanceSchedule = {
  scheduleId: 'bk', kind: 'backup', title: 'Backup mensal', description: 'Conferir e testar o backup', everyMonths: 1, dayOfMonth: 5, localTime: '09:00', firstPeriod: '2026-01',
};
const schedule = (data: Partial<MaintenanceSchedule>, now = '2026-01-02T12:00:00Z'): AccountCommand =>
  ({ type: 'ScheduleMaintenance', data: { ...backups, ...data }, now: at(now), calendar });
const scheduled = (firstPeriod: string, scheduledAt = '2026-01-02T12:00:00Z'): AccountEvent =>
  ({ type: 'MaintenanceScheduled', data: { ...backups, firstPeriod, scheduledAt } });
const due = (occurrence: string, dueAt: string): AccountEvent => ({
  type: 'MaintenanceTicketDue',
  data: { scheduleId: 'bk', occurrence, kind: 'backup', title: 'Backup mensal', description: 'Conferir e testar o backup', dueAt },
});

describe('account: recurring maintenance tickets (security updates, backups)', () => {
  it('schedules an occurrence every N months on a day at a local time', () => spec([opened, january]).when(schedule({})).then([scheduled('2026-01')]));

  it('starts with the first occurrence still to come (5 January has passed on the 10th: February)', () =>
    spec([opened, january]).when(schedule({}, '2026-01-10T12:00:00Z')).then([scheduled('2026-02', '2026-01-10T12:00:00Z')]));

  it('refuses a day some months lack, an unknown kind and an odd interval', () => {
    spec([opened]).when(schedule({ dayOfMonth: 31 })).thenThrows('MAINTENANCE_DAY_MUST_BE_1_TO_28');
    spec([opened]).when(schedule({ kind: 'painting' as never })).thenThrows('MAINTENANCE_KIND_IS_UNKNOWN');
    spec([opened]).when(schedule({ everyMonths: 5 })).thenThrows('MAINTENANCE_INTERVAL_IS_UNSUPPORTED');
  });

  it('is due at its instant in the account zone, each occurrence once, however late it is written', () => {
    const state = account([opened, alertsOff, january, scheduled('2026-01')]);
    const facts = dueFacts(state, at('2026-03-20T12:00:00Z'), calendar).filter((e) => e.type === 'MaintenanceTicketDue');
    expect(facts).to.deep.equal([due('2026-01', '2026-01-05T12:00:00Z'), due('2026-02', '2026-02-05T12:00:00Z'), due('2026-03', '2026-03-05T12:00:00Z')]);
  });

  it('is not due a moment before', () =>
    expect(dueFacts(account([opened, alertsOff, january, scheduled('2026-01')]), at('2026-01-05T11:59:59Z'), calendar)).to.deep.equal([]));

  it('opens nothing more once the schedule ended', () => {
    const ended: AccountEvent = { type: 'MaintenanceScheduleEnded', data: { scheduleId: 'bk', endedAt: '2026-01-04T12:00:00Z' } };
    spec([opened, january, scheduled('2026-01')]).when({ type: 'EndMaintenanceSchedule', data: { scheduleId: 'bk' }, now: at('2026-01-04T12:00:00Z'), calendar }).then([ended]);
    expect(dueFacts(account([opened, alertsOff, january, scheduled('2026-01'), ended]), at('2026-06-01T12:00:00Z'), calendar).filter((e) => e.type === 'MaintenanceTicketDue')).to.deep.equal([]);
  });

  it('opens nothing after the account is cancelled', () => {
    const cancelled: AccountEvent = { type: 'AccountCancelled', data: { reason: 'fim', cancelledAt: '2026-02-01T12:00:00Z' } };
    const facts = dueFacts(account([opened, alertsOff, january, scheduled('2026-01'), cancelled]), at('2026-06-01T12:00:00Z'), calendar);
    expect(facts.filter((e) => e.type === 'MaintenanceTicketDue').map((e) => (e.data as { occurrence: string }).occurrence)).to.deep.equal(['2026-01']);
  });
});
