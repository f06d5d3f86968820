import type { PlanTerms } from '../plans/plan-terms.js';
import { type AlertEvent, alertEventNames } from './alert-events.js';
import { type ContractEvent, contractEventNames } from './contract-events.js';
import { type MaintenanceEvent, maintenanceEventNames } from './maintenance-events.js';

/** Part of a debit paid by one lot. */
export interface LotDraw {
  readonly lotId: string;
  readonly minutes: number;
}

/**
 * A contract is a monthly plan (credits every period) or a single package only (no monthly credit: its packages are
 * its lots).
 */
export type ContractKind = 'plan' | 'package';

/** What an account is opened with: the OpenAccount command's data, recorded as AccountOpened. */
export interface AccountTerms {
  accountId: string;
  clientName: string;
  /** Absent: 'plan' (accounts opened before contract kinds). */
  kind?: ContractKind;
  /** The monthly plan; absent for a package-only contract. */
  plan?: PlanTerms;
  /** A package-only contract's first-response target in business minutes (a plan's comes with the plan). */
  firstResponseBusinessMinutes?: number;
  firstPeriod: string;
  timeZone: string;
  calendarId: string;
  overageRateCentsPerHour: number;
}

export type AccountOpened = {
  type: 'AccountOpened';
  data: AccountTerms & { kind: ContractKind; openedAt: string };
};
export type MonthlyPlanCredited = {
  type: 'MonthlyPlanCredited';
  data: { period: string; lotId: string; minutes: number; plan: PlanTerms; creditedAt: string; expiresAt: string };
};
/** `priceCents`: what the client pays for the package (absent on packages sold before packages had a price). */
export type PackagePurchased = {
  type: 'PackagePurchased';
  data: { packageId: string; lotId: string; minutes: number; priceCents?: number; period: string; purchasedAt: string; expiresAt: string };
};
export type AdjustmentCredited = {
  type: 'AdjustmentCredited';
  data: {
    adjustmentId: string;
    lotId: string;
    minutes: number;
    reason: string;
    period: string;
    adjustedAt: string;
    expiresAt: string;
  };
};
/** A negative adjustment: `minutes` is the positive amount taken from the lots. */
export type AdjustmentDebited = {
  type: 'AdjustmentDebited';
  data: { adjustmentId: string; minutes: number; reason: string; period: string; adjustedAt: string; paidBy: LotDraw[] };
};
export type PlanChanged = {
  type: 'PlanChanged';
  data: { plan: PlanTerms; effectiveFrom: string; changedAt: string };
};
/** From `effectiveFrom` on the contract is package-only: no monthly credit (lots already credited stay until they expire). */
export type PlanDiscontinued = {
  type: 'PlanDiscontinued';
  data: { effectiveFrom: string; changedAt: string };
};
/**
 * The approval gate, decided on the account: `availableMinutes` excludes this ticket's own estimate, and
 * `approvalRequired` is `minutes > availableMinutes`. The minutes stay held for the ticket until a reservation
 * confirms the estimate (or a later ticket event supersedes it) or the gate is voided.
 */
export type EstimateGated = {
  type: 'EstimateGated';
  data: {
    ticketId: string; estimateId: string; minutes: number; availableMinutes: number; approvalRequired: boolean;
    ticketRevision: number; gatedAt: string;
  };
};
/** The ticket could not record the gated estimate (it changed in between): the held minutes are freed. */
export type EstimateGateVoided = {
  type: 'EstimateGateVoided';
  data: { ticketId: string; estimateId: string; minutes: number; voidedAt: string };
};
/** `ticketRevision`: the ticket event the reservation follows (absent on reservations recorded before it was kept). */
export type MinutesReservedForTicket = {
  type: 'MinutesReservedForTicket';
  data: { ticketId: string; minutes: number; reservedAt: string; ticketRevision?: number; estimateId?: string };
};
export type TicketReservationReleased = {
  type: 'TicketReservationReleased';
  data: { ticketId: string; minutes: number; releasedAt: string; ticketRevision?: number };
};
/**
 * covered + shortfall = minutes; the shortfall belongs to `period`, the period of `endedAt` (when the
 * ticket ended), which is earlier than `debitedAt` when the debit was processed late. Debits recorded
 * before `endedAt` was kept lack it: they ended at `debitedAt`.
 */
export type TicketDebited = {
  type: 'TicketDebited';
  data: {
    ticketId: string;
    minutes: number;
    covered: number;
    shortfall: number;
    period: string;
    paidBy: LotDraw[];
    endedAt?: string;
    debitedAt: string;
  };
};
/** `period` is the period whose first instant is `expiredAt`: the expiry counts in that period. */
export type LotExpired = {
  type: 'LotExpired';
  data: { lotId: string; minutes: number; expiredAt: string; period: string };
};
export type OverageInvoiced = {
  type: 'OverageInvoiced';
  data: {
    period: string;
    shortfallMinutes: number;
    rateCentsPerHour: number;
    amountCents: number;
    invoicedAt: string;
  };
};
export type AccountCancelled = {
  type: 'AccountCancelled';
  data: { reason: string; cancelledAt: string };
};

export type AccountEvent =
  | AccountOpened
  | PlanDiscontinued
  | ContractEvent
  | AlertEvent
  | MaintenanceEvent
  | MonthlyPlanCredited
  | PackagePurchased
  | AdjustmentCredited
  | AdjustmentDebited
  | PlanChanged
  | EstimateGated
  | EstimateGateVoided
  | MinutesReservedForTicket
  | TicketReservationReleased
  | TicketDebited
  | LotExpired
  | OverageInvoiced
  | AccountCancelled;

/** Stored names: a contract with the store and every subscriber, never derived from code. */
export const accountEventNames: Record<AccountEvent['type'], string> = {
  AccountOpened: 'hourbank.account.opened.v2',
  PlanDiscontinued: 'hourbank.account.plan-discontinued.v1',
  MonthlyPlanCredited: 'hourbank.account.monthly-plan-credited.v1',
  PackagePurchased: 'hourbank.account.package-purchased.v2',
  AdjustmentCredited: 'hourbank.account.adjustment-credited.v1',
  AdjustmentDebited: 'hourbank.account.adjustment-debited.v1',
  PlanChanged: 'hourbank.account.plan-changed.v1',
  EstimateGated: 'hourbank.account.estimate-gated.v1',
  EstimateGateVoided: 'hourbank.account.estimate-gate-voided.v1',
  MinutesReservedForTicket: 'hourbank.account.minutes-reserved-for-ticket.v1',
  TicketReservationReleased: 'hourbank.account.ticket-reservation-released.v1',
  TicketDebited: 'hourbank.account.ticket-debited.v1',
  LotExpired: 'hourbank.account.lot-expired.v1',
  OverageInvoiced: 'hourbank.account.overage-invoiced.v1',
  AccountCancelled: 'hourbank.account.cancelled.v1',
  ...contractEventNames,
  ...alertEventNames,
  ...maintenanceEventNames,
};

