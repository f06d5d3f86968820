/** The shapes the API answers with (see /docs for the full OpenAPI document). */
export type Role = 'client' | 'agent' | 'manager' | 'auditor';

export interface SessionUser {
  readonly id: string;
  readonly name?: string;
  readonly role: Role;
  readonly accounts: readonly string[];
  readonly approves?: readonly string[];
  readonly via?: string;
}

export interface Session {
  readonly user: SessionUser;
  readonly csrfToken: string | null;
}

export interface SlaTimer {
  readonly kind: 'firstResponse' | 'deliveryPromise';
  readonly dueAt: string;
  readonly targetMinutes: number;
  readonly elapsedMinutes: number;
  readonly remainingMinutes: number;
  readonly paused: boolean;
  readonly atRisk: boolean;
  readonly status: 'running' | 'met' | 'breached' | 'stopped';
}

export interface QueueItem {
  readonly ticketId: string;
  readonly number: number | null;
  readonly accountId: string;
  readonly title: string;
  readonly category: string;
  readonly status: string;
  readonly openedAt: string;
  readonly loggedMinutes: number;
  readonly estimatedMinutes: number | null;
  readonly urgency: 'breached' | 'atRisk' | 'running' | 'waiting' | 'done';
  readonly priority?: string;
  readonly assignee?: { readonly userId: string; readonly name: string } | null;
  readonly sla: SlaTimer | null;
}

export interface TicketListItem {
  readonly ticketId: string;
  readonly number: number | null;
  readonly accountId: string;
  readonly title: string;
  readonly category: string;
  readonly status: string;
  readonly openedAt: string;
  readonly updatedAt: string;
  readonly loggedMinutes: number;
  readonly estimatedMinutes: number | null;
}

export interface TimeEntry { readonly minutes: number; readonly activity: string; readonly performedOn: string; readonly note: string }
export interface TimeCorrection { readonly entryId: string; readonly minutesDelta: number; readonly reason: string }

export interface Ticket {
  readonly ticketId: string;
  readonly number?: number;
  readonly accountId: string;
  readonly status: string;
  readonly title: string;
  readonly category: string;
  readonly participants: readonly string[];
  readonly openedAt: string;
  readonly estimate?: { readonly estimatedMinutes: number; readonly expectedDeliveryAt: string; readonly estimatedAt: string };
  readonly entries: Readonly<Record<string, TimeEntry>>;
  readonly corrections: Readonly<Record<string, TimeCorrection>>;
  readonly loggedMinutes: number;
  readonly deliveredAt?: string;
  readonly projectOffer?: { readonly expectedMinutes: number; readonly priceCents: number; readonly offerId?: string; readonly decision?: string };
  readonly priority?: 'low' | 'normal' | 'high' | 'urgent';
  readonly assignee?: { readonly userId: string; readonly name: string };
  readonly executionPlan?: { readonly plan: string; readonly executedBy: string };
  readonly pendingQuestions?: Readonly<Record<string, { readonly question: string; readonly recordedAt: string; readonly answer?: string; readonly answeredAt?: string }>>;
  readonly pendingOverrun?: { readonly previousEstimatedMinutes: number; readonly estimatedMinutes: number; readonly requestedAt: string };
  readonly outOfScope?: { readonly reason: string; readonly note: string };
  readonly sla: { readonly firstResponse?: SlaTimer; readonly deliveryPromise?: SlaTimer };
  readonly asOf: string;
}

export interface HistoryEvent {
  readonly id: string;
  readonly type: string;
  readonly storedType: string;
  readonly data: Record<string, unknown>;
  readonly metadata: { readonly actor: string; readonly role?: string; readonly onBehalfOf?: string; readonly occurredAt: string; readonly correlationId: string };
  readonly revision: number;
  readonly position: number;
}

export interface HistoryPage {
  readonly events: readonly HistoryEvent[];
  readonly nextFromRevision?: number;
}

export interface Lot { readonly lotId: string; readonly source: string; readonly period: string; readonly minutes: number; readonly expiresAt: string }

export interface Account {
  readonly accountId: string;
  readonly clientName: string;
  readonly status: 'open' | 'cancelled';
  readonly kind: 'plan' | 'package';
  /** null: a package-only contract (pacote único). */
  readonly plan: { readonly code: string; readonly monthlyMinutes: number; readonly firstResponseBusinessMinutes: number } | null;
  readonly accountManager?: { readonly userId: string; readonly name: string } | null;
  /** The plan's extras this period (WhatsApp groups, account manager). */
  readonly extras: readonly string[];
  readonly channels: { readonly whatsappGroup?: string; readonly emergencyWhatsappGroup?: string };
  readonly scheduledPlans: readonly { readonly from: string; readonly plan: { readonly code: string; readonly monthlyMinutes: number } | null }[];
  /** Amendments for later periods, each with only what it changes. */
  readonly scheduledAmendments: readonly Amendment[];
  readonly alertSettings: { readonly lowBalanceMinutes: number; readonly expiringWithinDays: number };
  readonly maintenance: readonly MaintenanceSchedule[];
  /** The scheduled end (a fixed term or a termination notice); null: the contract runs on. */
  readonly end: ContractEnd | null;
  readonly timeZone: string;
  readonly calendarId: string;
  readonly overageRateCentsPerHour: number;
  readonly period: string;
  readonly balanceMinutes: number;
  readonly reservedMinutes: number;
  readonly availableMinutes: number;
  readonly currentShortfallMinutes: number;
  readonly lots: readonly Lot[];
  /** The account stream's revision the figures are from. */
  readonly revision: number;
}

/** The contract's end: it ends at `endsAt`, the first instant after `lastPeriod`; `renewed`: the last change was a renewal. */
export interface ContractEnd {
  readonly lastPeriod: string;
  readonly endsAt: string;
  readonly reason: string;
  readonly renewed: boolean;
  readonly ended: boolean;
}

export interface BalanceListItem {
  readonly accountId: string;
  readonly clientName: string;
  readonly status: string;
  readonly plan: { readonly code: string } | null;
  readonly balanceMinutes: number;
  readonly availableMinutes: number;
  readonly timeZone: string;
}

export interface DirectoryUser {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly status: 'invited' | 'active' | 'deactivated';
  readonly grants: readonly { readonly accountId: string; readonly mayApprove: boolean }[];
  readonly lastSignInAt: string | null;
  readonly lockedUntil: string | null;
}

export interface InvitationOutcome { readonly id: string; readonly mail: 'sent' | 'notConfigured' | 'failed' | 'notSentAgain'; readonly link?: string }

export interface ApiKey {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  readonly accounts: readonly string[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface Person { readonly id: string; readonly name: string; readonly role: string }

export interface Calendar {
  readonly id: string;
  readonly timeZone: string;
  readonly brazilNationalHolidays: boolean;
  readonly carnival: boolean;
  readonly corpusChristi: boolean;
  readonly weeklyHours: Record<string, { start: string; end: string }[]>;
  readonly holidays: readonly { date: string; name: string }[];
  readonly daysOff?: readonly { date: string; name: string }[];
}

export interface ConsumerStatus {
  readonly name: string;
  readonly kind: string;
  readonly state: string;
  readonly position: number | null;
  readonly headPosition: number;
  readonly lag: number;
  readonly parked: { position: number; error: string } | null;
}

export interface AttachmentRef { readonly attachmentId: string; readonly name: string; readonly mediaType: string; readonly size: number }

/** One entry of a ticket's conversation: a public message, an internal note (staff only) or an upload. */
export interface ConversationEntry {
  readonly type: 'MessagePosted' | 'InternalNoteAdded' | 'AttachmentUploaded';
  readonly data: {
    readonly messageId?: string; readonly body?: string; readonly attachments?: readonly AttachmentRef[];
    readonly authorId: string; readonly authorRole: string; readonly postedAt?: string; readonly uploadedAt?: string;
  } & Partial<AttachmentRef>;
}

export interface Amendment {
  readonly from: string;
  readonly clientName?: string;
  readonly overageRateCentsPerHour?: number;
  readonly calendarId?: string;
  readonly timeZone?: string;
}

export interface MaintenanceSchedule {
  readonly scheduleId: string;
  readonly kind: 'security_updates' | 'backup';
  readonly title: string;
  readonly description: string;
  readonly everyMonths: number;
  readonly dayOfMonth: number;
  readonly localTime: string;
  readonly firstPeriod: string;
  /** The next occurrence (a period); null once the schedule ended. */
  readonly next: string | null;
  readonly nextDueAt: string | null;
}

export interface CatalogPlan {
  readonly code: 'START' | 'BASIC' | 'ADVANCED' | 'CUSTOM';
  readonly monthlyMinutes: number;
  readonly firstResponseBusinessMinutes: number;
  readonly extras: readonly string[];
  readonly priceCents?: number;
  readonly version: number;
  readonly effectiveFrom: string;
}

/** GET /plans?period=: the catalog as it applies to a period, and the revisions recorded for later ones. */
export interface PlanCatalog {
  readonly period: string;
  readonly version: number;
  readonly plans: readonly CatalogPlan[];
  readonly scheduled: readonly CatalogPlan[];
}

/** GET /accounts/:id/reports/:period (JSON, `hourbank.monthly-report.v3`): the fields the report page shows. */
export interface LotRef { readonly lotId: string; readonly label: string; readonly validThrough: string | null }
export interface ReportTicketRef { readonly ticketId: string; readonly number: number | null; readonly title: string }
export interface ReportSection<Line> { readonly items: readonly Line[]; readonly totalMinutes: number }

export interface MonthlyReport {
  readonly schema: string;
  readonly accountId: string;
  readonly clientName: string;
  readonly period: string;
  readonly timeZone: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly plan: { readonly code: string; readonly monthlyMinutes: number } | null;
  readonly contractEnd?: { readonly lastPeriod: string; readonly endsAt: string; readonly renewed: boolean };
  readonly openingBalance: number;
  readonly credits: ReportSection<LotRef & { readonly source: string; readonly minutes: number; readonly at: string; readonly reason: string | null; readonly priceCents: number | null }>;
  readonly packageSales: { readonly count: number; readonly minutes: number; readonly revenueCents: number; readonly unpricedCount: number };
  readonly negativeAdjustments: ReportSection<{ readonly adjustmentId: string; readonly minutes: number; readonly at: string; readonly reason: string }>;
  readonly tickets: ReportSection<ReportTicketRef & {
    readonly category: string; readonly outcome: string | null; readonly endedAt: string | null; readonly minutes: number;
    readonly debit: { readonly coveredMinutes: number; readonly shortfallMinutes: number; readonly paidBy: readonly (LotRef & { readonly minutes: number })[] } | null;
  }> & { readonly coveredMinutes: number; readonly shortfallMinutes: number };
  readonly expirations: ReportSection<LotRef & { readonly minutes: number; readonly expiredAt: string }>;
  readonly closingBalance: number;
  readonly overage: { readonly shortfallMinutes: number; readonly rateCentsPerHour: number; readonly amountCents: number; readonly status: 'none' | 'pending' | 'invoiced'; readonly invoicedAt: string | null };
  readonly sla: {
    readonly firstResponse: { readonly met: number; readonly breached: number };
    readonly deliveryPromise: { readonly met: number; readonly breached: number };
    readonly breaches: readonly (ReportTicketRef & { readonly kind: 'firstResponse' | 'deliveryPromise'; readonly dueAt: string })[];
  };
  readonly expiringSoon: ReportSection<LotRef & { readonly minutes: number; readonly expiresAt: string }> & { readonly until: string };
  readonly overruns: {
    readonly approvedMinutes: number;
    readonly items: readonly (ReportTicketRef & {
      readonly requestedAt: string; readonly additionalMinutes: number; readonly previousEstimatedMinutes: number; readonly estimatedMinutes: number;
      readonly reason: string; readonly status: 'approved' | 'rejected' | 'pending'; readonly decidedAt: string | null;
      readonly decidedByRole: string | null; readonly decidedBy: string | null; readonly rejectionReason: string | null;
    })[];
  };
  readonly alerts: {
    readonly items: readonly {
      readonly kind: 'lowBalance' | 'lotExpiringSoon' | 'shortfall' | 'slaAtRisk'; readonly at: string; readonly minutes: number | null;
      readonly thresholdMinutes: number | null; readonly amountCents: number | null; readonly lot: LotRef | null; readonly dueAt: string | null;
      readonly ticket: ReportTicketRef | null; readonly slaKind: 'firstResponse' | 'deliveryPromise' | null;
    }[];
  };
  readonly usageByPeriod: readonly { readonly period: string; readonly minutes: number; readonly allowanceMinutes: number }[];
}
