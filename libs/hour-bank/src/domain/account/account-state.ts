import type { PlanTerms } from '../plans/plan-terms.js';

/** A lot: minutes credited together that expire together. Only lots with unused minutes are kept. */
export interface Lot {
  readonly lotId: string;
  readonly source: 'plan' | 'package' | 'adjustment';
  readonly period: string;
  readonly minutes: number;
  readonly expiresAt: string;
  /** When a package or adjustment was credited (plan lots count from their period's first instant). */
  readonly creditedAt?: string;
}

/** Minutes an approval gate holds for a ticket until the ticket records the estimate or the gate is voided. */
export interface HeldEstimate {
  readonly estimateId: string;
  readonly minutes: number;
  /** The ticket revision the estimate was decided on: a ticket event after it settles the gate. */
  readonly ticketRevision: number;
}

/** The plan in force from period `from` until the next entry's. */
export interface PlanPeriod {
  readonly from: string;
  readonly plan: PlanTerms;
}

/**
 * Everything decisions need, JSON-safe, so that a snapshot (this object and the stream revision)
 * is enough to resume. Maps are keyed by the idempotency id and hold minutes (cents for invoices).
 */
export interface AccountBook {
  readonly accountId: string;
  readonly clientName: string;
  readonly timeZone: string;
  readonly calendarId: string;
  readonly overageRateCentsPerHour: number;
  readonly firstPeriod: string;
  readonly plans: readonly PlanPeriod[];
  readonly creditedPeriods: readonly string[];
  /** In the order they were credited. */
  readonly lots: readonly Lot[];
  readonly reservations: Readonly<Record<string, number>>;
  /** Per ticket, the ticket revision its reservation follows (absent in states from before it was kept). */
  readonly reservationRevisions?: Readonly<Record<string, number>>;
  /** Per ticket, the estimates gated and not settled yet. */
  readonly heldEstimates?: Readonly<Record<string, readonly HeldEstimate[]>>;
  readonly packages: Readonly<Record<string, number>>;
  readonly adjustments: Readonly<Record<string, number>>;
  readonly debitedTickets: Readonly<Record<string, number>>;
  readonly shortfalls: Readonly<Record<string, number>>;
  readonly invoices: Readonly<Record<string, number>>;
}

export type UnopenedAccount = { readonly status: 'unopened' };
export type OpenAccountState = AccountBook & { readonly status: 'open' };
export type CancelledAccountState = AccountBook & {
  readonly status: 'cancelled';
  readonly cancelledAt: string;
  readonly cancellationReason: string;
};
export type AccountState = UnopenedAccount | OpenAccountState | CancelledAccountState;
export type OpenedAccount = OpenAccountState | CancelledAccountState;

export const initialAccountState = (): AccountState => ({ status: 'unopened' });

/** The plan that applies to a period: the last entry that starts at or before it. */
export const planInForce = (book: AccountBook, period: string): PlanTerms => {
  const applicable = book.plans.filter((entry) => entry.from <= period);
  const entry = applicable.at(-1) ?? book.plans[0];
  if (!entry) throw new Error(`Account ${book.accountId} has no plan`);
  return entry.plan;
};
