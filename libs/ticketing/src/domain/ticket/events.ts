import type { DomainEvent } from '#kernel';
import { type ServiceEvent, serviceEventNames } from './service-events.js';

export const ticketCategories = [
  'support', 'consulting', 'meeting', 'training', 'investigation', 'technical_execution', 'technical_follow_up', 'recurring_maintenance',
] as const;
export type TicketCategory = (typeof ticketCategories)[number];

/**
 * The consultative service (seed 001): investigative, training, technical follow-up and technical execution. Their
 * estimates carry an execution plan agreed with the client and who executes it.
 */
export const consultativeCategories: readonly TicketCategory[] = ['investigation', 'training', 'technical_follow_up', 'technical_execution'];
/** Categories whose sessions take at most 4 participants (training and technical follow-up). */
export const sessionCategories: readonly TicketCategory[] = ['training', 'technical_follow_up'];

export const timeActivities = [
  'development', 'meeting', 'investigation', 'analysis', 'test', 'training', 'other',
] as const;
export type TimeActivity = (typeof timeActivities)[number];

export type ActorRole = 'client' | 'agent' | 'manager' | 'system';
export type SlaKind = 'firstResponse' | 'deliveryPromise';
export type MinutesByActivity = Partial<Record<TimeActivity, number>>;

/** What an ending event carries so the account can be debited without reading the ticket. */
interface TimeSpent {
  readonly ticketId: string;
  readonly accountId: string;
  readonly loggedMinutes: number;
  readonly minutesByActivity: MinutesByActivity;
}

/**
 * `calendarId`: the account's calendar in force at opening (the ticket's SLA and auto-close use it; absent on tickets
 * opened before it was kept: the account's opening calendar). `maintenance`: a recurring maintenance occurrence.
 */
export type TicketOpened = DomainEvent<'TicketOpened', {
  ticketId: string; accountId: string; title: string; description: string; category: TicketCategory;
  participants: string[]; firstResponseBusinessMinutes: number; openedBy: ActorRole; openedAt: string;
  calendarId?: string; maintenance?: { scheduleId: string; occurrence: string; kind: string };
}>;
export type ClarificationRequested = DomainEvent<'ClarificationRequested', {
  ticketId: string; question: string; requestedAt: string;
}>;
export type ClarificationProvided = DomainEvent<'ClarificationProvided', {
  ticketId: string; answer: string; providedAt: string;
}>;
/** `estimateId` names the account's gate decision this estimate follows (absent before the gate lived on the account). */
export type TicketEstimated = DomainEvent<'TicketEstimated', {
  ticketId: string; accountId: string; estimatedMinutes: number; expectedDeliveryAt: string;
  availableMinutes: number; approvalRequired: boolean; estimatedAt: string; estimateId?: string;
}>;
export type EstimateApproved = DomainEvent<'EstimateApproved', {
  ticketId: string; accountId: string; estimatedMinutes: number; approvedBy: ActorRole; approvedAt: string;
}>;
export type EstimateRejected = DomainEvent<'EstimateRejected', {
  ticketId: string; accountId: string; reason: string; rejectedBy: ActorRole; rejectedAt: string;
}>;
export type TimeLogged = DomainEvent<'TimeLogged', {
  ticketId: string; entryId: string; minutes: number; activity: TimeActivity; performedOn: string;
  note: string; loggedAt: string;
}>;
export type TimeEntryCorrected = DomainEvent<'TimeEntryCorrected', {
  ticketId: string; correctionId: string; entryId: string; minutesDelta: number; reason: string;
  correctedAt: string;
}>;
export type TicketDelivered = DomainEvent<'TicketDelivered', {
  ticketId: string; summary: string; deliveredAt: string;
}>;
export type RevisionRequested = DomainEvent<'RevisionRequested', {
  ticketId: string; reason: string; requestedAt: string;
}>;
export type TicketClosed = DomainEvent<'TicketClosed', TimeSpent & {
  how: 'accepted' | 'autoClosed'; closedAt: string;
}>;
export type TicketCancelled = DomainEvent<'TicketCancelled', TimeSpent & {
  reason: string; cancelledBy: ActorRole; cancelledAt: string;
}>;
export type TicketEscalated = DomainEvent<'TicketEscalated', TimeSpent & {
  reason: string; escalatedAt: string;
}>;
/** `offerId` names the offer the client accepts or declines (absent on offers recorded before they could be). */
export type ProjectOfferRecorded = DomainEvent<'ProjectOfferRecorded', {
  ticketId: string; accountId: string; expectedMinutes: number; priceCents: number; recordedAt: string; offerId?: string;
}>;
/** The ticket's human number (#1042), unique and without gaps in the installation: see ticket-numbering.ts. */
export type TicketNumbered = DomainEvent<'TicketNumbered', { ticketId: string; number: number }>;
/** `dueAt` is when the promise was broken, not when the breach was noticed. */
export type SlaBreached = DomainEvent<'SlaBreached', { ticketId: string; kind: SlaKind; dueAt: string }>;

export type TicketEvent =
  | TicketOpened | ClarificationRequested | ClarificationProvided | TicketEstimated | EstimateApproved
  | EstimateRejected | TimeLogged | TimeEntryCorrected | TicketDelivered | RevisionRequested | TicketClosed
  | TicketCancelled | TicketEscalated | ProjectOfferRecorded | SlaBreached | TicketNumbered | ServiceEvent;

/** Stored event names: a contract, versioned, never derived from code names. */
export const ticketEventNames: Readonly<Record<TicketEvent['type'], string>> = {
  TicketOpened: 'hourbank.ticket.opened.v1',
  ClarificationRequested: 'hourbank.ticket.clarification-requested.v1',
  ClarificationProvided: 'hourbank.ticket.clarification-provided.v1',
  TicketEstimated: 'hourbank.ticket.estimated.v1',
  EstimateApproved: 'hourbank.ticket.estimate-approved.v1',
  EstimateRejected: 'hourbank.ticket.estimate-rejected.v1',
  TimeLogged: 'hourbank.ticket.time-logged.v1',
  TimeEntryCorrected: 'hourbank.ticket.time-entry-corrected.v1',
  TicketDelivered: 'hourbank.ticket.delivered.v1',
  RevisionRequested: 'hourbank.ticket.revision-requested.v1',
  TicketClosed: 'hourbank.ticket.closed.v1',
  TicketCancelled: 'hourbank.ticket.cancelled.v1',
  TicketEscalated: 'hourbank.ticket.escalated.v1',
  ProjectOfferRecorded: 'hourbank.ticket.project-offer-recorded.v1',
  SlaBreached: 'hourbank.ticket.sla-breached.v1',
  TicketNumbered: 'hourbank.ticket.numbered.v1',
  ...serviceEventNames,
};

/** The events after which the ticket's logged minutes are to be debited from the account. */
export type TicketEndedEvent = TicketClosed | TicketCancelled | TicketEscalated;
export const isTicketEnded = (event: TicketEvent): event is TicketEndedEvent =>
  event.type === 'TicketClosed' || event.type === 'TicketCancelled' || event.type === 'TicketEscalated';

/**
 * The ticket events its account follows (the ticket-account reactor's filter): each one writes the ticket's
 * reservation or debit on the account, and so settles every approval gate decided on an earlier ticket revision.
 * The ticket's other events (its number, time entries, clarifications…) never touch the account.
 */
export const accountFollowedTicketEvents = [
  'TicketEstimated', 'EstimateRejected', 'OverrunApprovalRequested', 'OverrunRejected', 'TicketClosed', 'TicketCancelled', 'TicketEscalated',
] as const satisfies readonly TicketEvent['type'][];
const accountFollowedNames: ReadonlySet<string> = new Set(accountFollowedTicketEvents.map((type) => ticketEventNames[type]));
/** Whether the account follows a ticket event of this stored type (`ticketEventNames`). */
export const isFollowedByAccount = (storedType: string): boolean => accountFollowedNames.has(storedType);
