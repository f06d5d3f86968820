import { Temporal } from 'temporal-polyfill';
import { type Db, normalizeInstant } from '#projections';
import type { PlanTerms } from '../domain/plans/plan-terms.js';
import type { AmendedTerms } from '../domain/account/account-state.js';
import { periodAt, termsFor } from '../domain/account/contract-terms.js';

export interface BalanceLot {
  readonly lotId: string;
  readonly source: 'plan' | 'package' | 'adjustment';
  readonly period: string;
  readonly minutes: number;
  readonly expiresAt: string;
}

export interface OverageInvoice {
  readonly period: string;
  readonly shortfallMinutes: number;
  readonly rateCentsPerHour: number;
  readonly amountCents: number;
  readonly invoicedAt: string;
}

export interface AccountBalanceView {
  readonly accountId: string;
  readonly clientName: string;
  readonly status: 'open' | 'cancelled';
  readonly timeZone: string;
  readonly calendarId: string;
  /** The calendar the account opened with (tickets that keep none of their own use it). */
  readonly openingCalendarId: string;
  readonly asOf: string;
  readonly period: string;
  /** Null: package-only in this period. */
  readonly plan: PlanTerms | null;
  readonly balanceMinutes: number;
  readonly reservedMinutes: number;
  readonly availableMinutes: number;
  readonly currentShortfallMinutes: number;
  /** Unexpired at `asOf`, in the order a debit uses them (earliest expiry, then earliest credited). */
  readonly lots: readonly BalanceLot[];
  readonly lastInvoice: OverageInvoice | null;
  /** Global log position of the last event of the account applied here. */
  readonly position: number;
}

interface AccountRow {
  client_name: string;
  status: 'open' | 'cancelled';
  time_zone: string;
  calendar_id: string;
  overage_rate_cents_per_hour: number;
  amendments: string;
  position: number;
}

const lotsAsOf = (db: Db, accountId: string, asOf: string): BalanceLot[] =>
  (db.prepare(`SELECT lot_id AS lotId, source, period, minutes, expires_at AS expiresAt FROM account_lots
      WHERE account_id = ? AND expires_at > ? ORDER BY expires_at, credited_position`).all(accountId, asOf) as BalanceLot[])
    .map((lot) => ({ ...lot, expiresAt: Temporal.Instant.from(lot.expiresAt).toString() }));

/** The plan in force in `period`: the last change starting at or before it (the first plan before the first period). */
const planFor = (db: Db, accountId: string, period: string): PlanTerms | null => {
  const rows = db.prepare('SELECT from_period AS fromPeriod, plan FROM account_plans WHERE account_id = ? ORDER BY from_period')
    .all(accountId) as { fromPeriod: string; plan: string }[];
  const row = rows.filter((r) => r.fromPeriod <= period).at(-1) ?? rows[0]!;
  return JSON.parse(row.plan) as PlanTerms | null;
};

const lastInvoiceOf = (db: Db, accountId: string): OverageInvoice | null =>
  (db.prepare(`SELECT period, invoiced_minutes AS shortfallMinutes, rate_cents_per_hour AS rateCentsPerHour, amount_cents AS amountCents,
      invoiced_at AS invoicedAt FROM account_periods WHERE account_id = ? AND invoiced_at IS NOT NULL ORDER BY period DESC LIMIT 1`)
    .get(accountId) as OverageInvoice | undefined) ?? null;

/** The account's balance as of `asOf`: only lots not yet expired at that instant count, expiry event or not. */
export const accountBalanceAsOf = (db: Db, accountId: string, asOf: Temporal.Instant): AccountBalanceView | undefined => {
  const account = db.prepare(`SELECT client_name, status, time_zone, calendar_id, overage_rate_cents_per_hour, amendments, position
      FROM account_balances WHERE account_id = ?`).get(accountId) as AccountRow | undefined;
  if (!account) return undefined;
  const opening = {
    clientName: account.client_name, timeZone: account.time_zone, calendarId: account.calendar_id,
    overageRateCentsPerHour: account.overage_rate_cents_per_hour, amendments: JSON.parse(account.amendments) as AmendedTerms[],
  };
  const lots = lotsAsOf(db, accountId, normalizeInstant(asOf.toString()));
  const balance = lots.reduce((sum, lot) => sum + lot.minutes, 0);
  const reserved = (db.prepare('SELECT coalesce(sum(minutes), 0) AS n FROM account_reservations WHERE account_id = ?').get(accountId) as { n: number }).n;
  const period = periodAt(opening, asOf);
  const terms = termsFor(opening, period);
  const shortfall = db.prepare('SELECT shortfall_minutes AS n FROM account_periods WHERE account_id = ? AND period = ?').get(accountId, period) as
    | { n: number }
    | undefined;
  return {
    accountId,
    clientName: terms.clientName,
    status: account.status,
    timeZone: terms.timeZone,
    calendarId: terms.calendarId,
    openingCalendarId: account.calendar_id,
    asOf: asOf.toString(),
    period,
    plan: planFor(db, accountId, period),
    balanceMinutes: balance,
    reservedMinutes: reserved,
    availableMinutes: balance - reserved,
    currentShortfallMinutes: shortfall?.n ?? 0,
    lots,
    lastInvoice: lastInvoiceOf(db, accountId),
    position: account.position,
  };
};

/** Every overage invoice of the account, oldest first. */
export const overageInvoices = (db: Db, accountId: string): OverageInvoice[] =>
  db.prepare(`SELECT period, invoiced_minutes AS shortfallMinutes, rate_cents_per_hour AS rateCentsPerHour, amount_cents AS amountCents,
      invoiced_at AS invoicedAt FROM account_periods WHERE account_id = ? AND invoiced_at IS NOT NULL ORDER BY period`).all(accountId) as OverageInvoice[];

/** Account ids in the read model, for lists (a client's list is its own accounts). */
export const accountIdsPage = (db: Db, accountIds: readonly string[] | undefined, page: number, size: number): { ids: string[]; total: number } => {
  const where = accountIds ? `WHERE account_id IN (${accountIds.map(() => '?').join(', ') || 'NULL'})` : '';
  const params = accountIds ?? [];
  const total = (db.prepare(`SELECT count(*) AS n FROM account_balances ${where}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`SELECT account_id AS id FROM account_balances ${where} ORDER BY opened_at, account_id LIMIT ? OFFSET ?`)
    .all(...params, size, (page - 1) * size) as { id: string }[];
  return { ids: rows.map((row) => row.id), total };
};
