import type { PlanTerms } from '../plans/plan-terms.js';
import type { AlertSettings } from './alert-events.js';
import type { ContractTerms } from './contract-events.js';
import type { MaintenanceSchedule } from './maintenance-events.js';

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

/** The plan in force from period `from` until the next entry's; `null`: package-only from then (no monthly credit). */
export interface PlanPeriod {
  readonly from: string;
  readonly plan: PlanTerms | null;
}

/** What an amendment changes from period `from` on (in `from` order; at one period the later one wins). */
export type AmendedTerms = Partial<ContractTerms> & { readonly from: string };

/** A maintenance schedule and the next occurrence it owes (none once ended). */
export type ScheduledMaintenance = MaintenanceSchedule & { readonly next?: string };

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
  /** Package-only contracts: the first-response target of their tickets. */
  readonly packageFirstResponseBusinessMinutes?: number;
  /** Prices of the packages sold, by package id. */
  readonly packagePrices?: Readonly<Record<string, number>>;
  /** Amendments in `from` order (the opening terms apply before the first). */
  readonly amendments?: readonly AmendedTerms[];
  readonly accountManager?: { readonly userId: string; readonly name: string };
  readonly channels?: { readonly whatsappGroup?: string; readonly emergencyWhatsappGroup?: string };
  readonly alertSettings?: AlertSettings;
  /** When the alert settings last changed: an expiry alert is never dated before the settings that asked for it. */
  readonly alertSettingsFrom?: string;
  /**
   * The balance reached the low-balance threshold since the last alert (a credit that takes it there arms the alert; the
   * alert disarms it), so a drop under the threshold is alerted once per crossing and an account never credited is not.
   */
  readonly lowBalanceArmed?: boolean;
  readonly expiryAlertedLots?: readonly string[];
  readonly shortfallAlertedPeriods?: readonly string[];
  readonly maintenance?: Readonly<Record<string, ScheduledMaintenance>>;
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

/** The plan that applies to a period: the last entry that starts at or before it; null for a package-only period. */
export const planInForce = (book: AccountBook, period: string): PlanTerms | null => {
  const applicable = book.plans.filter((entry) => entry.from <= period);
  const entry = applicable.at(-1) ?? book.plans[0];
  return entry?.plan ?? null;
};
