/** A lot's origin: the monthly plan credit, a single package, or a manager's positive adjustment. */
export type LotSource = 'plan' | 'package' | 'adjustment';

/** How a report names a lot: by a label a person reads ("Plano 03/2026"), never by its id alone. */
export interface LotLabel {
  readonly lotId: string;
  /** "Plano 03/2026", "Pacote de 03/12/2026", "Ajuste de 05/03/2026". */
  readonly label: string;
  readonly source: LotSource | null;
  readonly creditedPeriod: string | null;
  /** The last day the lot can be used (YYYY-MM-DD, account zone): the day before its expiry at midnight. */
  readonly validThrough: string | null;
}

export interface CreditLine {
  readonly source: LotSource;
  readonly lotId: string;
  readonly label: string;
  readonly validThrough: string;
  /** The package or adjustment id; the lot id for a plan credit. */
  readonly reference: string;
  readonly minutes: number;
  readonly at: string;
  readonly expiresAt: string;
  readonly reason: string | null;
  /** What the client paid for a package, in cents; null for plan credits, adjustments and packages bought without a price. */
  readonly priceCents: number | null;
}

export interface NegativeAdjustmentLine {
  readonly adjustmentId: string;
  readonly minutes: number;
  readonly at: string;
  readonly reason: string;
  /** The lots it took the minutes from, FIFO. */
  readonly paidBy: readonly LotPayment[];
}

export interface LotPayment extends LotLabel {
  readonly minutes: number;
}

export interface ActivityMinutes {
  readonly activity: string;
  readonly minutes: number;
}

export type TicketOutcome = 'closed' | 'cancelled' | 'escalated';

/** A ticket ended in the period, or debited in it; `debit` is null while the debit is not recorded yet. */
export interface TicketLine {
  readonly ticketId: string;
  /** The human number (#1042); null for a ticket not numbered at the report's position. */
  readonly number: number | null;
  readonly title: string;
  readonly category: string;
  readonly outcome: TicketOutcome | null;
  readonly endedAt: string | null;
  readonly minutes: number;
  readonly minutesByActivity: readonly ActivityMinutes[];
  readonly debit: {
    readonly coveredMinutes: number;
    readonly shortfallMinutes: number;
    /** When the debit took effect: the ticket's end (when a worker processed it is in the ledger event). */
    readonly debitedAt: string;
    readonly paidBy: readonly LotPayment[];
  } | null;
}

export interface ExpirationLine extends LotLabel {
  readonly minutes: number;
  readonly expiredAt: string;
  /** False while the expiry event is not written yet: the lot is gone all the same. */
  readonly recorded: boolean;
}

export interface ExpiringLot extends LotLabel {
  readonly minutes: number;
  readonly expiresAt: string;
}

/** 'none': no shortfall; 'pending': to be invoiced on the next period's first business day. */
export interface OverageSection {
  readonly shortfallMinutes: number;
  readonly rateCentsPerHour: number;
  readonly amountCents: number;
  readonly status: 'none' | 'pending' | 'invoiced';
  readonly invoicedAt: string | null;
}

export interface SlaCount {
  readonly met: number;
  readonly breached: number;
}

export interface SlaBreachLine {
  readonly ticketId: string;
  readonly number: number | null;
  readonly title: string;
  readonly kind: 'firstResponse' | 'deliveryPromise';
  readonly dueAt: string;
}

/** The packages bought in the period (by their purchase's period): the period's package revenue. */
export interface PackageSales {
  readonly count: number;
  readonly minutes: number;
  /** The sum of the priced packages' prices. */
  readonly revenueCents: number;
  /** Packages bought without a price (before prices, or sold so): not in the revenue. */
  readonly unpricedCount: number;
}

export type OverrunStatus = 'approved' | 'rejected' | 'pending';

export interface TicketRef {
  readonly ticketId: string;
  readonly number: number | null;
  readonly title: string;
}

/**
 * Time beyond a ticket's approved estimate (and its margin) that needed the client's new approval: requested or
 * decided in the period. A decision after the period's end shows as pending in it.
 */
export interface OverrunLine extends TicketRef {
  readonly requestedAt: string;
  readonly additionalMinutes: number;
  readonly previousEstimatedMinutes: number;
  readonly estimatedMinutes: number;
  readonly reason: string;
  readonly status: OverrunStatus;
  readonly decidedAt: string | null;
  /** The role that decided ('client', or 'manager' on the client's behalf). */
  readonly decidedByRole: string | null;
  /** Who decided (the event's actor), when the log names one. */
  readonly decidedBy: string | null;
  readonly rejectionReason: string | null;
}

export type AlertKind = 'lowBalance' | 'lotExpiringSoon' | 'shortfall' | 'slaAtRisk';

/** An alert raised in the period (the notifier mails each): what it said, with the figures it carried. */
export interface AlertLine {
  readonly kind: AlertKind;
  readonly at: string;
  /** lowBalance: the balance; lotExpiringSoon: the lot's minutes left; shortfall: the minutes uncovered; slaAtRisk: null. */
  readonly minutes: number | null;
  readonly thresholdMinutes: number | null;
  /** shortfall: the overage estimated at the alert. */
  readonly amountCents: number | null;
  readonly lot: LotLabel | null;
  /** lotExpiringSoon: when the lot expires; slaAtRisk: the timer's due time. */
  readonly dueAt: string | null;
  readonly ticket: TicketRef | null;
  readonly slaKind: 'firstResponse' | 'deliveryPromise' | null;
}

export interface Section<Line> {
  readonly items: readonly Line[];
  readonly totalMinutes: number;
}

/** The monthly report of one account: integers only (minutes, cents), ISO-8601 UTC instants, stable order. */
export interface MonthlyReport {
  readonly schema: 'hourbank.monthly-report.v3';
  readonly accountId: string;
  readonly clientName: string;
  readonly period: string;
  readonly timeZone: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The contract's first period: the usage history starts there. */
  readonly firstPeriod: string;
  /** The plan in force in the period; null for a package-only contract (no monthly credit). */
  readonly plan: { readonly code: string; readonly monthlyMinutes: number } | null;
  readonly openingBalance: number;
  readonly credits: Section<CreditLine>;
  readonly packageSales: PackageSales;
  readonly negativeAdjustments: Section<NegativeAdjustmentLine>;
  readonly tickets: Section<TicketLine> & { readonly coveredMinutes: number; readonly shortfallMinutes: number };
  readonly expirations: Section<ExpirationLine>;
  readonly closingBalance: number;
  readonly overage: OverageSection;
  readonly sla: {
    readonly firstResponse: SlaCount;
    readonly deliveryPromise: SlaCount;
    readonly breaches: readonly SlaBreachLine[];
  };
  readonly expiringSoon: Section<ExpiringLot> & { readonly from: string; readonly until: string };
  readonly overruns: { readonly items: readonly OverrunLine[]; readonly approvedMinutes: number };
  readonly alerts: { readonly items: readonly AlertLine[] };
  /**
   * Minutes debited per period (covered and shortfall) beside the plan's allowance then, for the last 12 periods up to
   * this one that belong to the contract (none before its first period).
   */
  readonly usageByPeriod: readonly { readonly period: string; readonly minutes: number; readonly allowanceMinutes: number }[];
}
