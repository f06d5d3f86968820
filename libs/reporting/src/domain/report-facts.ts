/**
 * The outside facts a report reads, declared here so the report domain depends on no other context:
 * decoded events of the account stream and of its tickets' streams, in log order.
 */
export interface ReportEvent {
  readonly type: string;
  readonly data: unknown;
  /** Who recorded it (the envelope's actor): the report names who approved an overrun. Absent in fixtures. */
  readonly actor?: string;
}

export interface LotDrawFact { readonly lotId: string; readonly minutes: number }

export interface AccountOpenedFact {
  readonly accountId: string; readonly clientName: string; readonly timeZone: string;
  readonly overageRateCentsPerHour: number; readonly firstPeriod: string;
  /** Absent on accounts opened before contract kinds: a plan. */
  readonly kind?: 'plan' | 'package';
  /** Absent on a package-only contract. */
  readonly plan?: PlanFact;
}
export interface ContractAmendedFact {
  readonly effectiveFrom: string; readonly clientName?: string; readonly overageRateCentsPerHour?: number; readonly timeZone?: string;
}
export interface PlanFact { readonly code: string; readonly monthlyMinutes: number }
export interface PlanChangedFact { readonly plan: PlanFact; readonly effectiveFrom: string }
export interface LotCreditedFact {
  readonly lotId: string; readonly minutes: number; readonly period: string; readonly expiresAt: string;
  readonly creditedAt?: string; readonly purchasedAt?: string; readonly adjustedAt?: string;
  readonly packageId?: string; readonly adjustmentId?: string; readonly reason?: string;
  /** A package's price (package-purchased.v2); absent on v1 packages and on other lots. */
  readonly priceCents?: number;
}
export interface AdjustmentDebitedFact {
  readonly adjustmentId: string; readonly minutes: number; readonly reason: string; readonly period: string;
  readonly adjustedAt: string; readonly paidBy: readonly LotDrawFact[];
}
export interface TicketDebitedFact {
  readonly ticketId: string; readonly minutes: number; readonly covered: number; readonly shortfall: number;
  readonly period: string; readonly paidBy: readonly LotDrawFact[]; readonly debitedAt: string;
  /** When the ticket ended: the debit takes effect then (absent on debits recorded before it was kept). */
  readonly endedAt?: string;
}
export interface LotExpiredFact { readonly lotId: string; readonly minutes: number; readonly expiredAt: string; readonly period: string }
export interface OverageInvoicedFact {
  readonly period: string; readonly shortfallMinutes: number; readonly rateCentsPerHour: number;
  readonly amountCents: number; readonly invoicedAt: string;
}

export interface TicketOpenedFact { readonly ticketId: string; readonly title: string; readonly category: string; readonly openedAt: string }
export interface TicketEndedFact {
  readonly ticketId: string; readonly loggedMinutes: number;
  readonly minutesByActivity: Readonly<Record<string, number | undefined>>;
  readonly closedAt?: string; readonly cancelledAt?: string; readonly escalatedAt?: string;
  readonly cancelledBy?: string;
}
export interface SlaBreachedFact { readonly ticketId: string; readonly kind: 'firstResponse' | 'deliveryPromise'; readonly dueAt: string }

export interface OverrunRequestedFact {
  readonly ticketId: string; readonly additionalMinutes: number; readonly previousEstimatedMinutes: number;
  readonly estimatedMinutes: number; readonly reason: string; readonly requestedAt: string;
}
export interface OverrunApprovedFact { readonly ticketId: string; readonly estimatedMinutes: number; readonly approvedBy: string; readonly approvedAt: string }
export interface OverrunRejectedFact {
  readonly ticketId: string; readonly estimatedMinutes: number; readonly reason: string; readonly rejectedBy: string; readonly rejectedAt: string;
}
export interface LowBalanceAlertedFact { readonly balanceMinutes: number; readonly thresholdMinutes: number; readonly alertedAt: string }
export interface LotExpiringSoonAlertedFact { readonly lotId: string; readonly minutes: number; readonly expiresAt: string; readonly alertedAt: string }
export interface ShortfallAlertedFact {
  readonly period: string; readonly shortfallMinutes: number; readonly rateCentsPerHour: number; readonly estimatedAmountCents: number; readonly alertedAt: string;
}
export interface SlaAtRiskFact { readonly ticketId: string; readonly kind: 'firstResponse' | 'deliveryPromise'; readonly dueAt: string; readonly atRiskAt: string }

/** Account event types whose payload carries the period they count in. */
export const balanceEventTypes = [
  'MonthlyPlanCredited', 'PackagePurchased', 'AdjustmentCredited', 'AdjustmentDebited', 'TicketDebited', 'LotExpired',
] as const;

export const periodOfFact = (event: ReportEvent): string | undefined =>
  (balanceEventTypes as readonly string[]).includes(event.type) ? (event.data as { period: string }).period : undefined;

export const factOf = <Fact>(event: ReportEvent): Fact => event.data as Fact;

/** Time activities in the order the report lists them (the ticketing context's vocabulary). */
export const activityOrder = ['development', 'meeting', 'investigation', 'analysis', 'test', 'training', 'other'] as const;
