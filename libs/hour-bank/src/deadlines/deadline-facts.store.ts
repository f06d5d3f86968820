import type { BusinessCalendar } from '#calendar';
import type { RecordedEvent } from '#kernel';
import type { AccountEvent } from '../domain/account/account-events.js';
import { calendarAdminDecider } from '../domain/calendar-admin/calendar-admin.decider.js';
import type { CalendarAdminEvent } from '../domain/calendar-admin/calendar-admin.events.js';
import { calendarAdminCodec } from '../application/codecs.js';
import type { AccountFacts } from './account-deadlines.js';
import { type Db, TableMemory, type TableNames, prepareCached } from '#projections';
import type { TicketCalendars } from '#ticketing';

/**
 * The facts deadlines need beyond one event, folded from the log inside the deadlines projection (so a rebuild
 * computes the same due times): each calendar as its events left it, and each account's zone and calendar.
 * Kept in memory as well; an event at or before the last one seen means a rolled-back batch is replayed, and
 * the memory is dropped.
 */
interface Memory {
  calendars: Map<string, BusinessCalendar>;
  accounts: Map<string, AccountFacts>;
  lastPosition: number;
}

type Extra = Omit<AccountFacts, 'accountId' | 'timeZone' | 'calendarId'>;

/** What an account event changes in the facts beyond the opening (amendments, alert settings, maintenance schedules). */
const extraAfter = (extra: Extra, event: AccountEvent): Extra | undefined => {
  switch (event.type) {
    case 'ContractAmended': {
      const { effectiveFrom, timeZone, calendarId } = event.data;
      if (timeZone === undefined && calendarId === undefined) return undefined;
      const change = { from: effectiveFrom, ...(timeZone && { timeZone }), ...(calendarId && { calendarId }) };
      return { ...extra, amendments: [...(extra.amendments ?? []), change].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0)) };
    }
    case 'AlertSettingsChanged': {
      const { lowBalanceMinutes, expiringWithinDays, changedAt } = event.data;
      return { ...extra, alertSettings: { lowBalanceMinutes, expiringWithinDays }, alertSettingsFrom: changedAt };
    }
    case 'MaintenanceScheduled': {
      const { scheduleId, dayOfMonth, localTime, everyMonths } = event.data;
      return { ...extra, schedules: { ...extra.schedules, [scheduleId]: { dayOfMonth, localTime, everyMonths } } };
    }
    default:
      return undefined;
  }
};

export class DeadlineFacts implements TicketCalendars {
  /** Keyed by the generation's calendars table. */
  private readonly memories = new TableMemory<Memory>(() => ({ calendars: new Map(), accounts: new Map(), lastPosition: -1 }));

  guard(db: Db, t: TableNames, position: number): void {
    const memory = this.memory(db, t);
    if (memory.lastPosition >= position) {
      memory.calendars = new Map();
      memory.accounts = new Map();
    }
    memory.lastPosition = position;
  }

  /** A rolled-back batch: what memory holds may not be in the tables. */
  forget(db: Db, t: TableNames): void {
    this.memories.forget(db, t('deadline_calendars'));
  }

  private memory(db: Db, t: TableNames): Memory {
    return this.memories.get(db, t('deadline_calendars'));
  }


  applyCalendarEvent(db: Db, t: TableNames, recorded: RecordedEvent): void {
    const calendarId = recorded.stream.slice('calendar-'.length);
    const decider = calendarAdminDecider(calendarId);
    const before = this.stored(db, t, calendarId);
    const state = decider.evolve(before ? { status: 'defined', calendar: before } : decider.initialState(), calendarAdminCodec.decode<CalendarAdminEvent>(recorded));
    if (state.status !== 'defined') return;
    prepareCached(db, `INSERT INTO ${t('deadline_calendars')} VALUES (?, ?) ON CONFLICT DO UPDATE SET calendar = excluded.calendar`)
      .run(calendarId, JSON.stringify(state.calendar));
    this.memory(db, t).calendars.delete(calendarId);
  }

  /** Keeps what the event changes in the account's facts; true when the terms that place items changed. */
  rememberAccount(db: Db, t: TableNames, accountId: string, event: AccountEvent): boolean {
    if (event.type === 'AccountOpened') {
      const { timeZone, calendarId } = event.data;
      prepareCached(db, `INSERT INTO ${t('deadline_accounts')} VALUES (?, ?, ?, NULL)`).run(accountId, timeZone, calendarId);
      return false;
    }
    const { accountId: _id, timeZone: _zone, calendarId: _calendar, ...extra } = this.account(db, t, accountId);
    const after = extraAfter(extra, event);
    if (!after) return false;
    prepareCached(db, `UPDATE ${t('deadline_accounts')} SET extra = ? WHERE account_id = ?`).run(JSON.stringify(after), accountId);
    this.memory(db, t).accounts.delete(accountId);
    return event.type !== 'MaintenanceScheduled';
  }

  account(db: Db, t: TableNames, accountId: string): AccountFacts {
    const { accounts } = this.memory(db, t);
    let facts = accounts.get(accountId);
    if (!facts) {
      const row = prepareCached(db, `SELECT time_zone AS timeZone, calendar_id AS calendarId, extra FROM ${t('deadline_accounts')} WHERE account_id = ?`)
        .get(accountId) as { timeZone: string; calendarId: string; extra: string | null } | undefined;
      if (!row) throw new Error(`Deadlines know no account ${accountId}`);
      const extra = row.extra === null ? {} : (JSON.parse(row.extra) as Extra);
      accounts.set(accountId, (facts = { accountId, timeZone: row.timeZone, calendarId: row.calendarId, ...extra }));
    }
    return facts;
  }

  calendar(db: Db, t: TableNames, calendarId: string): BusinessCalendar {
    const { calendars } = this.memory(db, t);
    let calendar = calendars.get(calendarId);
    if (!calendar) {
      const decider = calendarAdminDecider(calendarId);
      const initial = decider.initialState();
      calendar = this.stored(db, t, calendarId) ?? (initial.status === 'defined' ? initial.calendar : undefined);
      if (!calendar) throw new Error(`Deadlines know no calendar ${calendarId}`);
      calendars.set(calendarId, calendar);
    }
    return calendar;
  }

  /** A ticket's calendar: the one it opened with, else its account's opening calendar. */
  calendarOf(db: Db, t: TableNames, ticket: { readonly accountId: string; readonly calendarId?: string }): BusinessCalendar {
    return this.calendar(db, t, ticket.calendarId ?? this.account(db, t, ticket.accountId).calendarId);
  }

  private stored(db: Db, t: TableNames, calendarId: string): BusinessCalendar | undefined {
    const row = prepareCached(db, `SELECT calendar FROM ${t('deadline_calendars')} WHERE calendar_id = ?`).get(calendarId) as
      | { calendar: string }
      | undefined;
    return row && (JSON.parse(row.calendar) as BusinessCalendar);
  }
}
