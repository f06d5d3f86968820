import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, normalizeInstant, prepareCached } from '#projections';
import type { AccountEvent, LotDraw } from '../domain/account/account-events.js';
import { accountCodec } from '../application/codecs.js';

export const ACCOUNT_BALANCE_TABLES = ['account_balances', 'account_plans', 'account_lots', 'account_reservations', 'account_periods'] as const;

const schema = (t: TableNames) => `
  CREATE TABLE ${t('account_balances')} (
    account_id TEXT PRIMARY KEY, client_name TEXT NOT NULL, status TEXT NOT NULL, time_zone TEXT NOT NULL,
    calendar_id TEXT NOT NULL, overage_rate_cents_per_hour INTEGER NOT NULL, first_period TEXT NOT NULL,
    opened_at TEXT NOT NULL, cancelled_at TEXT, position INTEGER NOT NULL);
  CREATE TABLE ${t('account_plans')} (
    account_id TEXT NOT NULL, from_period TEXT NOT NULL, plan TEXT NOT NULL, PRIMARY KEY (account_id, from_period));
  CREATE TABLE ${t('account_lots')} (
    account_id TEXT NOT NULL, lot_id TEXT NOT NULL, source TEXT NOT NULL, period TEXT NOT NULL, minutes INTEGER NOT NULL,
    expires_at TEXT NOT NULL, credited_position INTEGER NOT NULL, PRIMARY KEY (account_id, lot_id));
  CREATE TABLE ${t('account_reservations')} (
    account_id TEXT NOT NULL, ticket_id TEXT NOT NULL, minutes INTEGER NOT NULL, PRIMARY KEY (account_id, ticket_id));
  CREATE TABLE ${t('account_periods')} (
    account_id TEXT NOT NULL, period TEXT NOT NULL, shortfall_minutes INTEGER NOT NULL DEFAULT 0,
    invoiced_minutes INTEGER, rate_cents_per_hour INTEGER, amount_cents INTEGER, invoiced_at TEXT,
    PRIMARY KEY (account_id, period));`;

type Run = (sql: string, ...params: unknown[]) => void;

const addLot = (run: Run, t: TableNames, accountId: string, source: string, data: { lotId: string; period: string; minutes: number; expiresAt: string }, position: number) =>
  run(`INSERT INTO ${t('account_lots')} (account_id, lot_id, source, period, minutes, expires_at, credited_position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    accountId, data.lotId, source, data.period, data.minutes, normalizeInstant(data.expiresAt), position);

const draw = (run: Run, t: TableNames, accountId: string, paidBy: readonly LotDraw[]) => {
  for (const { lotId, minutes } of paidBy) {
    run(`UPDATE ${t('account_lots')} SET minutes = minutes - ? WHERE account_id = ? AND lot_id = ?`, minutes, accountId, lotId);
    run(`DELETE FROM ${t('account_lots')} WHERE account_id = ? AND lot_id = ? AND minutes <= 0`, accountId, lotId);
  }
};

const applyEvent = (run: Run, t: TableNames, accountId: string, event: AccountEvent, recorded: RecordedEvent): void => {
  switch (event.type) {
    case 'AccountOpened': {
      const d = event.data;
      run(`INSERT INTO ${t('account_balances')} (account_id, client_name, status, time_zone, calendar_id, overage_rate_cents_per_hour,
        first_period, opened_at, position) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
        accountId, d.clientName, d.timeZone, d.calendarId, d.overageRateCentsPerHour, d.firstPeriod, d.openedAt, recorded.position);
      return run(`INSERT INTO ${t('account_plans')} VALUES (?, ?, ?)`, accountId, d.firstPeriod, JSON.stringify(d.plan));
    }
    case 'MonthlyPlanCredited': return addLot(run, t, accountId, 'plan', event.data, recorded.position);
    case 'PackagePurchased': return addLot(run, t, accountId, 'package', event.data, recorded.position);
    case 'AdjustmentCredited': return addLot(run, t, accountId, 'adjustment', event.data, recorded.position);
    case 'AdjustmentDebited': return draw(run, t, accountId, event.data.paidBy);
    case 'PlanChanged':
      run(`DELETE FROM ${t('account_plans')} WHERE account_id = ? AND from_period >= ?`, accountId, event.data.effectiveFrom);
      return run(`INSERT INTO ${t('account_plans')} VALUES (?, ?, ?)`, accountId, event.data.effectiveFrom, JSON.stringify(event.data.plan));
    case 'MinutesReservedForTicket':
      return run(`INSERT INTO ${t('account_reservations')} VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET minutes = excluded.minutes`,
        accountId, event.data.ticketId, event.data.minutes);
    case 'TicketReservationReleased':
      return run(`DELETE FROM ${t('account_reservations')} WHERE account_id = ? AND ticket_id = ?`, accountId, event.data.ticketId);
    case 'TicketDebited': {
      const { ticketId, shortfall, period, paidBy } = event.data;
      run(`DELETE FROM ${t('account_reservations')} WHERE account_id = ? AND ticket_id = ?`, accountId, ticketId);
      draw(run, t, accountId, paidBy);
      if (shortfall === 0) return;
      return run(`INSERT INTO ${t('account_periods')} (account_id, period, shortfall_minutes) VALUES (?, ?, ?)
        ON CONFLICT DO UPDATE SET shortfall_minutes = shortfall_minutes + excluded.shortfall_minutes`, accountId, period, shortfall);
    }
    case 'LotExpired':
      return run(`DELETE FROM ${t('account_lots')} WHERE account_id = ? AND lot_id = ?`, accountId, event.data.lotId);
    case 'OverageInvoiced': {
      const d = event.data;
      return run(`INSERT INTO ${t('account_periods')} (account_id, period, invoiced_minutes, rate_cents_per_hour, amount_cents, invoiced_at)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET invoiced_minutes = excluded.invoiced_minutes,
        rate_cents_per_hour = excluded.rate_cents_per_hour, amount_cents = excluded.amount_cents, invoiced_at = excluded.invoiced_at`,
        accountId, d.period, d.shortfallMinutes, d.rateCentsPerHour, d.amountCents, d.invoicedAt);
    }
    case 'AccountCancelled':
      return run(`UPDATE ${t('account_balances')} SET status = 'cancelled', cancelled_at = ? WHERE account_id = ?`, event.data.cancelledAt, accountId);
  }
};

/**
 * `account-balance`: each account's lots (unused minutes and expiry), reservations, plans, and per period the
 * shortfall and its invoice. Balances are not stored: "as of" an instant they are the lots not yet expired then
 * (see accountBalanceAsOf), so a lot whose expiry has come is gone before its expiry event is written.
 */
export const accountBalanceProjection: Projection = {
  name: 'account-balance',
  version: 1,
  filter: { streamCategories: ['account'] },
  tables: ACCOUNT_BALANCE_TABLES,
  migrate: (db: Db, t: TableNames) => db.exec(schema(t)),
  apply(db: Db, recorded: RecordedEvent, t: TableNames) {
    const run: Run = (sql, ...params) => void prepareCached(db, sql).run(...params);
    const accountId = recorded.stream.slice('account-'.length);
    applyEvent(run, t, accountId, accountCodec.decode<AccountEvent>(recorded), recorded);
    if (recorded.type !== accountCodec.storedType('AccountOpened')) {
      run(`UPDATE ${t('account_balances')} SET position = ? WHERE account_id = ?`, recorded.position, accountId);
    }
  },
};
