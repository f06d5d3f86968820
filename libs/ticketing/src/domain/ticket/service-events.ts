import type { DomainEvent } from '#kernel';
import type { ActorRole, SlaKind } from './events.js';

export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof ticketPriorities)[number];

/** Who carries out a consultative session's plan (seed 001): the technician, or the client assisted by the technician. */
export const executors = ['technician', 'clientAssisted'] as const;
export type Executor = (typeof executors)[number];

/**
 * What the service does not cover (seed 000's list): an agent marks a ticket with one of these and refuses it
 * (it ends like a staff cancellation) or escalates it to a project.
 */
export const outOfScopeReasons = [
  'missing_access', 'unsupported_hosting', 'marketing_or_programming_consulting', 'site_or_system_support', 'periodic_maintenance',
  'feature_evolution', 'content_change', 'server_configuration', 'it_infrastructure', 'seo', 'content_production',
] as const;
export type OutOfScopeReason = (typeof outOfScopeReasons)[number];

type Id = { ticketId: string };

export type TicketAssigned = DomainEvent<'TicketAssigned', Id & { assigneeId: string; assigneeName: string; previousAssigneeId?: string; assignedAt: string }>;
export type TicketUnassigned = DomainEvent<'TicketUnassigned', Id & { previousAssigneeId: string; unassignedAt: string }>;
export type TicketPriorityChanged = DomainEvent<'TicketPriorityChanged', Id & { priority: TicketPriority; previousPriority: TicketPriority; changedAt: string }>;
/** The plan agreed with the client for the work of an estimate, and who executes it. */
export type ExecutionPlanAgreed = DomainEvent<'ExecutionPlanAgreed', Id & { plan: string; executedBy: Executor; agreedAt: string }>;
/** A question left open in the session, to be answered later (it may stay open after delivery and close). */
export type PendingQuestionRecorded = DomainEvent<'PendingQuestionRecorded', Id & { questionId: string; question: string; recordedAt: string }>;
export type PendingQuestionAnswered = DomainEvent<'PendingQuestionAnswered', Id & { questionId: string; answer: string; answeredAt: string }>;
export type TicketMarkedOutOfScope = DomainEvent<'TicketMarkedOutOfScope', Id & { reason: OutOfScopeReason; note: string; resolution: 'refuse' | 'escalate'; markedAt: string }>;
export type ProjectOfferAccepted = DomainEvent<'ProjectOfferAccepted', Id & { accountId: string; offerId: string; acceptedBy: ActorRole; acceptedAt: string }>;
export type ProjectOfferDeclined = DomainEvent<'ProjectOfferDeclined', Id & { accountId: string; offerId: string; reason: string; declinedBy: ActorRole; declinedAt: string }>;
/**
 * Time beyond the approved estimate and its margin needs the client's approval: the estimate would become
 * `estimatedMinutes`; the account's gate held the difference (`availableMinutes` is what it saw without this ticket).
 */
export type OverrunApprovalRequested = DomainEvent<'OverrunApprovalRequested', Id & {
  accountId: string; additionalMinutes: number; previousEstimatedMinutes: number; estimatedMinutes: number; reason: string;
  availableMinutes: number; estimateId?: string; requestedAt: string;
}>;
export type OverrunApproved = DomainEvent<'OverrunApproved', Id & { accountId: string; estimatedMinutes: number; approvedBy: ActorRole; approvedAt: string }>;
export type OverrunRejected = DomainEvent<'OverrunRejected', Id & {
  accountId: string; estimatedMinutes: number; reason: string; rejectedBy: ActorRole; rejectedAt: string;
}>;
/** A timer reached 80 % of its target while running: once per timer (per promise for the delivery). */
export type SlaAtRisk = DomainEvent<'SlaAtRisk', Id & { kind: SlaKind; dueAt: string; atRiskAt: string }>;

export type ServiceEvent =
  | TicketAssigned | TicketUnassigned | TicketPriorityChanged | ExecutionPlanAgreed | PendingQuestionRecorded | PendingQuestionAnswered
  | TicketMarkedOutOfScope | ProjectOfferAccepted | ProjectOfferDeclined | OverrunApprovalRequested | OverrunApproved | OverrunRejected
  | SlaAtRisk;

export const serviceEventNames: Readonly<Record<ServiceEvent['type'], string>> = {
  TicketAssigned: 'hourbank.ticket.assigned.v1',
  TicketUnassigned: 'hourbank.ticket.unassigned.v1',
  TicketPriorityChanged: 'hourbank.ticket.priority-changed.v1',
  ExecutionPlanAgreed: 'hourbank.ticket.execution-plan-agreed.v1',
  PendingQuestionRecorded: 'hourbank.ticket.pending-question-recorded.v1',
  PendingQuestionAnswered: 'hourbank.ticket.pending-question-answered.v1',
  TicketMarkedOutOfScope: 'hourbank.ticket.marked-out-of-scope.v1',
  ProjectOfferAccepted: 'hourbank.ticket.project-offer-accepted.v1',
  ProjectOfferDeclined: 'hourbank.ticket.project-offer-declined.v1',
  OverrunApprovalRequested: 'hourbank.ticket.overrun-approval-requested.v1',
  OverrunApproved: 'hourbank.ticket.overrun-approved.v1',
  OverrunRejected: 'hourbank.ticket.overrun-rejected.v1',
  SlaAtRisk: 'hourbank.ticket.sla-at-risk.v1',
};
