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
  accounts: Map<string, AccountFacts & { calendarId: string }>;
  lastPosition: number;
}

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

  rememberAccount(db: Db, t: TableNames, event: AccountEvent): void {
    if (event.type !== 'AccountOpened') return;
    const { accountId, timeZone, calendarId } = event.data;
    prepareCached(db, `INSERT INTO ${t('deadline_accounts')} VALUES (?, ?, ?)`).run(accountId, timeZone, calendarId);
  }

  account(db: Db, t: TableNames, accountId: string): AccountFacts & { calendarId: string } {
    const { accounts } = this.memory(db, t);
    let facts = accounts.get(accountId);
    if (!facts) {
      const row = prepareCached(db, `SELECT time_zone AS timeZone, calendar_id AS calendarId FROM ${t('deadline_accounts')} WHERE account_id = ?`)
        .get(accountId) as { timeZone: string; calendarId: string } | undefined;
      if (!row) throw new Error(`Deadlines know no account ${accountId}`);
      accounts.set(accountId, (facts = { accountId, ...row }));
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

  calendarOf(db: Db, t: TableNames, accountId: string): BusinessCalendar {
    return this.calendar(db, t, this.account(db, t, accountId).calendarId);
  }

  private stored(db: Db, t: TableNames, calendarId: string): BusinessCalendar | undefined {
    const row = prepareCached(db, `SELECT calendar FROM ${t('deadline_calendars')} WHERE calendar_id = ?`).get(calendarId) as
      | { calendar: string }
      | undefined;
    return row && (JSON.parse(row.calendar) as BusinessCalendar);
  }
}
