import { Temporal } from 'temporal-polyfill';
import { type ReadModelReader, normalizeInstant } from '#projections';
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

const lotsAsOf = async (db: ReadModelReader, accountId: string, asOf: string): Promise<BalanceLot[]> =>
  (await db.all<BalanceLot>(`SELECT lot_id AS "lotId", source, period, minutes, expires_at AS "expiresAt" FROM account_lots
      WHERE account_id = ? AND expires_at > ? ORDER BY expires_at, credited_position`, [accountId, asOf]))
    .map((lot) => ({ ...lot, expiresAt: Temporal.Instant.from(lot.expiresAt).toString() }));

/** The plan in force in `period`: the last change starting at or before it (the first plan before the first period). */
const planFor = async (db: ReadModelReader, accountId: string, period: string): Promise<PlanTerms | null> => {
  const rows = await db.all<{ fromPeriod: string; plan: string }>(
    'SELECT from_period AS "fromPeriod", plan FROM account_plans WHERE account_id = ? ORDER BY from_period', [accountId]);
  const row = rows.filter((r) => r.fromPeriod <= period).at(-1) ?? rows[0]!;
  return JSON.parse(row.plan) as PlanTerms | null;
};

const INVOICE_COLUMNS = `period, invoiced_minutes AS "shortfallMinutes", rate_cents_per_hour AS "rateCentsPerHour",
  amount_cents AS "amountCents", invoiced_at AS "invoicedAt"`;

const lastInvoiceOf = async (db: ReadModelReader, accountId: string): Promise<OverageInvoice | null> =>
  (await db.get<OverageInvoice>(`SELECT ${INVOICE_COLUMNS} FROM account_periods WHERE account_id = ? AND invoiced_at IS NOT NULL
      ORDER BY period DESC LIMIT 1`, [accountId])) ?? null;

/** The account's balance as of `asOf`: only lots not yet expired at that instant count, expiry event or not. */
export const accountBalanceAsOf = async (db: ReadModelReader, accountId: string, asOf: Temporal.Instant): Promise<AccountBalanceView | undefined> => {
  const account = await db.get<AccountRow>(`SELECT client_name, status, time_zone, calendar_id, overage_rate_cents_per_hour, amendments, position
      FROM account_balances WHERE account_id = ?`, [accountId]);
  if (!account) return undefined;
  const opening = {
    clientName: account.client_name, timeZone: account.time_zone, calendarId: account.calendar_id,
    overageRateCentsPerHour: account.overage_rate_cents_per_hour, amendments: JSON.parse(account.amendments) as AmendedTerms[],
  };
  const lots = await lotsAsOf(db, accountId, normalizeInstant(asOf.toString()));
  const balance = lots.reduce((sum, lot) => sum + lot.minutes, 0);
  const reserved = (await db.get<{ n: number }>('SELECT coalesce(sum(minutes), 0) AS n FROM account_reservations WHERE account_id = ?', [accountId]))!.n;
  const period = periodAt(opening, asOf);
  const terms = termsFor(opening, period);
  const shortfall = await db.get<{ n: number }>('SELECT shortfall_minutes AS n FROM account_periods WHERE account_id = ? AND period = ?', [accountId, period]);
  return {
    accountId,
    clientName: terms.clientName,
    status: account.status,
    timeZone: terms.timeZone,
    calendarId: terms.calendarId,
    openingCalendarId: account.calendar_id,
    asOf: asOf.toString(),
    period,
    plan: await planFor(db, accountId, period),
    balanceMinutes: balance,
    reservedMinutes: reserved,
    availableMinutes: balance - reserved,
    currentShortfallMinutes: shortfall?.n ?? 0,
    lots,
    lastInvoice: await lastInvoiceOf(db, accountId),
    position: account.position,
  };
};

/** Every overage invoice of the account, oldest first. */
export const overageInvoices = (db: ReadModelReader, accountId: string): Promise<OverageInvoice[]> =>
  db.all<OverageInvoice>(`SELECT ${INVOICE_COLUMNS} FROM account_periods WHERE account_id = ? AND invoiced_at IS NOT NULL ORDER BY period`, [accountId]);

/** Account ids in the read model, for lists (a client's list is its own accounts). */
export const accountIdsPage = async (
  db: ReadModelReader, accountIds: readonly string[] | undefined, page: number, size: number,
): Promise<{ ids: string[]; total: number }> => {
  const where = accountIds ? `WHERE account_id IN (${accountIds.map(() => '?').join(', ') || 'NULL'})` : '';
  const params = accountIds ?? [];
  const total = (await db.get<{ n: number }>(`SELECT count(*) AS n FROM account_balances ${where}`, params))!.n;
  const rows = await db.all<{ id: string }>(`SELECT account_id AS id FROM account_balances ${where} ORDER BY opened_at, account_id LIMIT ? OFFSET ?`,
    [...params, size, (page - 1) * size]);
  return { ids: rows.map((row) => row.id), total };
};
