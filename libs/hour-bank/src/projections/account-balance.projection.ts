import type { RecordedEvent } from '#kernel';
import { type Db, type Projection, type TableNames, normalizeInstant, oncePerConnection } from '#projections';
import type { AccountEvent, LotDraw } from '../domain/account/account-events.js';
import type { AmendedTerms } from '../domain/account/account-state.js';
import { accountCodec, storedAccountNames } from '../application/codecs.js';

export const ACCOUNT_BALANCE_TABLES = ['account_balances', 'account_plans', 'account_lots', 'account_reservations', 'account_periods'] as const;

const schema = (t: TableNames) => `
  CREATE TABLE ${t('account_balances')} (
    account_id TEXT PRIMARY KEY, client_name TEXT NOT NULL, status TEXT NOT NULL, time_zone TEXT NOT NULL,
    calendar_id TEXT NOT NULL, overage_rate_cents_per_hour INTEGER NOT NULL, first_period TEXT NOT NULL,
    opened_at TEXT NOT NULL, cancelled_at TEXT, position INTEGER NOT NULL, amendments TEXT NOT NULL DEFAULT '[]');
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

const statementsOf = (db: Db, t: TableNames) => oncePerConnection(db, `account-balance:${t('account_balances')}`, () => {
  const prepare = (sql: string) => db.prepare(sql);
  return {
    open: prepare(`INSERT INTO ${t('account_balances')} (account_id, client_name, status, time_zone, calendar_id, overage_rate_cents_per_hour,
      first_period, opened_at, position) VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)`),
    cancel: prepare(`UPDATE ${t('account_balances')} SET status = 'cancelled', cancelled_at = ? WHERE account_id = ?`),
    amendments: prepare(`SELECT amendments FROM ${t('account_balances')} WHERE account_id = ?`),
    amend: prepare(`UPDATE ${t('account_balances')} SET amendments = ? WHERE account_id = ?`),
    position: prepare(`UPDATE ${t('account_balances')} SET position = ? WHERE account_id = ?`),
    addPlan: prepare(`INSERT INTO ${t('account_plans')} VALUES (?, ?, ?)`),
    dropPlansFrom: prepare(`DELETE FROM ${t('account_plans')} WHERE account_id = ? AND from_period >= ?`),
    addLot: prepare(`INSERT INTO ${t('account_lots')} (account_id, lot_id, source, period, minutes, expires_at, credited_position) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    drawLot: prepare(`UPDATE ${t('account_lots')} SET minutes = minutes - ? WHERE account_id = ? AND lot_id = ?`),
    dropEmptyLot: prepare(`DELETE FROM ${t('account_lots')} WHERE account_id = ? AND lot_id = ? AND minutes <= 0`),
    dropLot: prepare(`DELETE FROM ${t('account_lots')} WHERE account_id = ? AND lot_id = ?`),
    reserve: prepare(`INSERT INTO ${t('account_reservations')} VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET minutes = excluded.minutes`),
    release: prepare(`DELETE FROM ${t('account_reservations')} WHERE account_id = ? AND ticket_id = ?`),
    shortfall: prepare(`INSERT INTO ${t('account_periods')} (account_id, period, shortfall_minutes) VALUES (?, ?, ?)
      ON CONFLICT DO UPDATE SET shortfall_minutes = shortfall_minutes + excluded.shortfall_minutes`),
    invoice: prepare(`INSERT INTO ${t('account_periods')} (account_id, period, invoiced_minutes, rate_cents_per_hour, amount_cents, invoiced_at)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET invoiced_minutes = excluded.invoiced_minutes,
      rate_cents_per_hour = excluded.rate_cents_per_hour, amount_cents = excluded.amount_cents, invoiced_at = excluded.invoiced_at`),
  };
});

type Statements = ReturnType<typeof statementsOf>;

const addLot = (sql: Statements, accountId: string, source: string, data: { lotId: string; period: string; minutes: number; expiresAt: string }, position: number) =>
  void sql.addLot.run(accountId, data.lotId, source, data.period, data.minutes, normalizeInstant(data.expiresAt), position);

const draw = (sql: Statements, accountId: string, paidBy: readonly LotDraw[]) => {
  for (const { lotId, minutes } of paidBy) {
    sql.drawLot.run(minutes, accountId, lotId);
    sql.dropEmptyLot.run(accountId, lotId);
  }
};

const applyEvent = (sql: Statements, accountId: string, event: AccountEvent, recorded: RecordedEvent): void => {
  switch (event.type) {
    case 'AccountOpened': {
      const d = event.data;
      sql.open.run(accountId, d.clientName, d.timeZone, d.calendarId, d.overageRateCentsPerHour, d.firstPeriod, d.openedAt, recorded.position);
      return void sql.addPlan.run(accountId, d.firstPeriod, JSON.stringify(d.plan ?? null));
    }
    case 'PlanDiscontinued':
      sql.dropPlansFrom.run(accountId, event.data.effectiveFrom);
      return void sql.addPlan.run(accountId, event.data.effectiveFrom, 'null');
    case 'ContractAmended': {
      const { amendedAt: _at, reason: _reason, effectiveFrom, ...change } = event.data;
      const before = JSON.parse((sql.amendments.get(accountId) as { amendments: string }).amendments) as AmendedTerms[];
      const after = [...before, { from: effectiveFrom, ...change }].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
      return void sql.amend.run(JSON.stringify(after), accountId);
    }
    case 'MonthlyPlanCredited': return addLot(sql, accountId, 'plan', event.data, recorded.position);
    case 'PackagePurchased': return addLot(sql, accountId, 'package', event.data, recorded.position);
    case 'AdjustmentCredited': return addLot(sql, accountId, 'adjustment', event.data, recorded.position);
    case 'AdjustmentDebited': return draw(sql, accountId, event.data.paidBy);
    case 'PlanChanged':
      sql.dropPlansFrom.run(accountId, event.data.effectiveFrom);
      return void sql.addPlan.run(accountId, event.data.effectiveFrom, JSON.stringify(event.data.plan));
    case 'MinutesReservedForTicket': return void sql.reserve.run(accountId, event.data.ticketId, event.data.minutes);
    case 'TicketReservationReleased': return void sql.release.run(accountId, event.data.ticketId);
    case 'TicketDebited': {
      const { ticketId, shortfall, period, paidBy } = event.data;
      sql.release.run(accountId, ticketId);
      draw(sql, accountId, paidBy);
      if (shortfall !== 0) sql.shortfall.run(accountId, period, shortfall);
      return;
    }
    case 'LotExpired': return void sql.dropLot.run(accountId, event.data.lotId);
    case 'OverageInvoiced': {
      const d = event.data;
      return void sql.invoice.run(accountId, d.period, d.shortfallMinutes, d.rateCentsPerHour, d.amountCents, d.invoicedAt);
    }
    case 'AccountCancelled': return void sql.cancel.run(event.data.cancelledAt, accountId);
  }
};

/** Per database and generation: each account's last position in the batch, written once by `flush`. */
const positions = new WeakMap<Db, Map<string, Map<string, number>>>();
const positionsOf = (db: Db, t: TableNames): Map<string, number> => {
  let tables = positions.get(db);
  if (!tables) positions.set(db, (tables = new Map()));
  const table = t('account_balances');
  let batch = tables.get(table);
  if (!batch) tables.set(table, (batch = new Map()));
  return batch;
};

/** The stored names of the opening, v1 included (a log written before contract kinds keeps `account.opened.v1`). */
const openedTypes = new Set(storedAccountNames(['AccountOpened']));

/**
 * `account-balance`: each account's lots (unused minutes and expiry), reservations, plans, and per period the
 * shortfall and its invoice. Balances are not stored: "as of" an instant they are the lots not yet expired then
 * (see accountBalanceAsOf), so a lot whose expiry has come is gone before its expiry event is written.
 */
export const accountBalanceProjection: Projection = {
  name: 'account-balance',
  version: 2,
  filter: { streamCategories: ['account'] },
  tables: ACCOUNT_BALANCE_TABLES,
  migrate: (db: Db, t: TableNames) => db.exec(schema(t)),
  apply(db: Db, recorded: RecordedEvent, t: TableNames) {
    const accountId = recorded.stream.slice('account-'.length);
    applyEvent(statementsOf(db, t), accountId, accountCodec.decode<AccountEvent>(recorded), recorded);
    if (!openedTypes.has(recorded.type)) positionsOf(db, t).set(accountId, recorded.position);
  },
  flush(db: Db, t: TableNames) {
    const batch = positionsOf(db, t);
    const { position } = statementsOf(db, t);
    for (const [accountId, last] of batch) position.run(last, accountId);
    batch.clear();
  },
  discard: (db: Db, t: TableNames) => positionsOf(db, t).clear(),
};
