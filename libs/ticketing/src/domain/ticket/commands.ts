import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { ActorRole, SlaKind, TicketCategory, TimeActivity } from './events.js';
import type { Executor, OutOfScopeReason, TicketPriority } from './service-events.js';

/**
 * What a ticket decision needs to know about time beyond `now`: the account's business calendar and how many
 * business days a delivered ticket waits for its client. Before deciding, the ticket applies the facts already
 * due (SLA breaches, the automatic close), each at its own due instant.
 */
export interface TicketTimeRules {
  readonly calendar: BusinessCalendar;
  readonly autoCloseBusinessDays: number;
  /** How far logged time may go past the approved estimate, in percent of it, before a new approval (default 10). */
  readonly overrunMarginPercent?: number;
}

/** A staff user looked up in the identity context (`active`: not deactivated). */
export interface StaffMember {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly active: boolean;
}

export interface Actor {
  readonly role: ActorRole;
  readonly actorId: string;
}

type ActorCommand<Type extends string, Data> = {
  readonly type: Type; readonly data: Data; readonly now: Temporal.Instant; readonly by: Actor; readonly rules: TicketTimeRules;
};
/** Fired by the scheduler from a deadline; no person acts. */
type ScheduledCommand<Type extends string, Data> = {
  readonly type: Type; readonly data: Data; readonly now: Temporal.Instant; readonly rules: TicketTimeRules;
};

export type TicketAccountStatus = 'open' | 'cancelled';
export type OpenTicket = ActorCommand<'OpenTicket', {
  ticketId: string; accountId: string; title: string; description: string; category: TicketCategory;
  participants?: readonly string[];
  /** The first-response target of the account's plan in force at opening. */
  firstResponseBusinessMinutes: number;
  /** The account's status when the ticket is opened, looked up outside the ticketing context. */
  accountStatus: TicketAccountStatus;
  /** The account's calendar in force at opening. */
  calendarId?: string;
  priority?: TicketPriority;
}>;
export type RequestClarification = ActorCommand<'RequestClarification', { question: string }>;
export type ProvideClarification = ActorCommand<'ProvideClarification', { answer: string }>;
export type EstimateTicket = ActorCommand<'EstimateTicket', {
  estimatedMinutes: number; expectedDeliveryAt: Temporal.Instant;
  /** The account's available minutes without this ticket's own estimate, as the account's gate decided them. */
  availableMinutes: number;
  /** The account gate this estimate follows (absent for estimates decided before the gate lived on the account). */
  estimateId?: string;
  /** The plan agreed with the client and who executes it (required on a consultative ticket's first estimate). */
  executionPlan?: { plan: string; executedBy: Executor };
}>;
export type ApproveEstimate = ActorCommand<'ApproveEstimate', Record<string, never>>;
export type RejectEstimate = ActorCommand<'RejectEstimate', { reason: string }>;
export type LogTime = ActorCommand<'LogTime', {
  entryId: string; minutes: number; activity: TimeActivity; performedOn: string; note: string;
}>;
export type CorrectTimeEntry = ActorCommand<'CorrectTimeEntry', {
  correctionId: string; entryId: string; minutesDelta: number; reason: string;
}>;
export type DeliverTicket = ActorCommand<'DeliverTicket', { summary: string }>;
export type RequestRevision = ActorCommand<'RequestRevision', { reason: string }>;
export type AcceptDelivery = ActorCommand<'AcceptDelivery', Record<string, never>>;
export type CancelTicket = ActorCommand<'CancelTicket', { reason: string }>;
export type EscalateToProject = ActorCommand<'EscalateToProject', { reason: string }>;
export type RecordProjectOffer = ActorCommand<'RecordProjectOffer', { expectedMinutes: number; priceCents: number; offerId?: string }>;
export type AcceptProjectOffer = ActorCommand<'AcceptProjectOffer', { offerId: string }>;
export type DeclineProjectOffer = ActorCommand<'DeclineProjectOffer', { offerId: string; reason: string }>;
export type AssignTicket = ActorCommand<'AssignTicket', { assignee: StaffMember }>;
export type UnassignTicket = ActorCommand<'UnassignTicket', Record<string, never>>;
export type ChangeTicketPriority = ActorCommand<'ChangeTicketPriority', { priority: TicketPriority }>;
export type RecordPendingQuestion = ActorCommand<'RecordPendingQuestion', { questionId: string; question: string }>;
export type AnswerPendingQuestion = ActorCommand<'AnswerPendingQuestion', { questionId: string; answer: string }>;
export type MarkOutOfScope = ActorCommand<'MarkOutOfScope', { reason: OutOfScopeReason; note: string; resolution: 'refuse' | 'escalate' }>;
/** `availableMinutes` and `estimateId`: the account gate's decision on the new estimate (see EstimateTicket). */
export type RequestOverrunApproval = ActorCommand<'RequestOverrunApproval', {
  additionalMinutes: number; reason: string; availableMinutes: number; estimateId?: string;
}>;
export type RecordSlaAtRisk = ScheduledCommand<'RecordSlaAtRisk', { kind: SlaKind }>;
/** A ticket the system opens as of `at` (a recurring maintenance occurrence the account found due). */
export type OpenScheduledTicket = ScheduledCommand<'OpenScheduledTicket', {
  ticketId: string; accountId: string; title: string; description: string; at: Temporal.Instant; firstResponseBusinessMinutes: number;
  calendarId: string; maintenance: { scheduleId: string; occurrence: string; kind: string };
}>;
export type AutoCloseTicket = ScheduledCommand<'AutoCloseTicket', Record<string, never>>;
export type RecordSlaBreach = ScheduledCommand<'RecordSlaBreach', { kind: SlaKind }>;
/** Gives the ticket the number the installation's sequence assigned to it. */
export type AssignTicketNumber = ScheduledCommand<'AssignTicketNumber', { number: number }>;

export type TicketCommand =
  | OpenTicket | RequestClarification | ProvideClarification | EstimateTicket | ApproveEstimate
  | RejectEstimate | LogTime | CorrectTimeEntry | DeliverTicket | RequestRevision | AcceptDelivery
  | CancelTicket | EscalateToProject | RecordProjectOffer | AutoCloseTicket | RecordSlaBreach | AssignTicketNumber
  | AcceptProjectOffer | DeclineProjectOffer | AssignTicket | UnassignTicket | ChangeTicketPriority | RecordPendingQuestion
  | AnswerPendingQuestion | MarkOutOfScope | RequestOverrunApproval | RecordSlaAtRisk | OpenScheduledTicket;

export const DEFAULT_AUTO_CLOSE_BUSINESS_DAYS = 5;
export const DEFAULT_OVERRUN_MARGIN_PERCENT = 10;
