import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from '#calendar';
import { DEFAULT_AUTO_CLOSE_BUSINESS_DAYS, type Actor, type TicketCommand, type TicketTimeRules } from './commands.js';
import type { TicketEvent, TicketEstimated, TicketOpened, TimeActivity, TimeLogged } from './events.js';

/** Fixtures for the ticket specs: wall-clock times in São Paulo (UTC−3), November 2026 (20 Nov is a holiday). */
export const calendar = defaultCalendar('sp');
export const rules: TicketTimeRules = { calendar, autoCloseBusinessDays: DEFAULT_AUTO_CLOSE_BUSINESS_DAYS };
export const TICKET = 'tk-1';
export const ACCOUNT = 'acc-1';

export const at = (local: string): Temporal.Instant =>
  Temporal.PlainDateTime.from(local).toZonedDateTime('America/Sao_Paulo').toInstant();
export const iso = (local: string): string => at(local).toString();

export const client: Actor = { role: 'client', actorId: 'client-1' };
export const agent: Actor = { role: 'agent', actorId: 'agent-1' };
export const manager: Actor = { role: 'manager', actorId: 'manager-1' };

type Data<T extends TicketCommand['type']> = Extract<TicketCommand, { type: T }>['data'];
export const command = <T extends TicketCommand['type']>(type: T, data: Data<T>, local: string, by: Actor = agent) =>
  ({ type, data, now: at(local), by, rules }) as unknown as Extract<TicketCommand, { type: T }>;

export const opened = (local = '2026-11-16T10:00', over: Partial<TicketOpened['data']> = {}): TicketOpened => ({
  type: 'TicketOpened',
  data: {
    ticketId: TICKET, accountId: ACCOUNT, title: 'Fix the invoice export', description: 'CSV is empty',
    category: 'support', participants: [], firstResponseBusinessMinutes: 240, openedBy: 'client',
    openedAt: iso(local), ...over,
  },
});

export const estimated = (local: string, expectedLocal: string, minutes = 120, available = 500): TicketEstimated => ({
  type: 'TicketEstimated',
  data: {
    ticketId: TICKET, accountId: ACCOUNT, estimatedMinutes: minutes, expectedDeliveryAt: iso(expectedLocal),
    availableMinutes: available, approvalRequired: minutes > available, estimatedAt: iso(local),
  },
});

export const logged = (entryId: string, minutes: number, activity: TimeActivity = 'development', local = '2026-11-16T15:00'): TimeLogged => ({
  type: 'TimeLogged',
  data: { ticketId: TICKET, entryId, minutes, activity, performedOn: local.slice(0, 10), note: '', loggedAt: iso(local) },
});

export const event = {
  clarificationRequested: (local: string): TicketEvent =>
    ({ type: 'ClarificationRequested', data: { ticketId: TICKET, question: 'Which export?', requestedAt: iso(local) } }),
  clarificationProvided: (local: string): TicketEvent =>
    ({ type: 'ClarificationProvided', data: { ticketId: TICKET, answer: 'The monthly one', providedAt: iso(local) } }),
  approved: (local: string, minutes = 120): TicketEvent => ({
    type: 'EstimateApproved',
    data: { ticketId: TICKET, accountId: ACCOUNT, estimatedMinutes: minutes, approvedBy: 'client', approvedAt: iso(local) },
  }),
  rejected: (local: string): TicketEvent => ({
    type: 'EstimateRejected',
    data: { ticketId: TICKET, accountId: ACCOUNT, reason: 'Too much', rejectedBy: 'client', rejectedAt: iso(local) },
  }),
  delivered: (local: string): TicketEvent =>
    ({ type: 'TicketDelivered', data: { ticketId: TICKET, summary: 'Fixed', deliveredAt: iso(local) } }),
  revisionRequested: (local: string): TicketEvent =>
    ({ type: 'RevisionRequested', data: { ticketId: TICKET, reason: 'Still empty', requestedAt: iso(local) } }),
  escalated: (local: string): TicketEvent => ({
    type: 'TicketEscalated',
    data: { ticketId: TICKET, accountId: ACCOUNT, reason: 'A project', loggedMinutes: 0, minutesByActivity: {}, escalatedAt: iso(local) },
  }),
  cancelled: (local: string, cancelledBy: 'client' | 'agent' = 'agent'): TicketEvent => ({
    type: 'TicketCancelled',
    data: { ticketId: TICKET, accountId: ACCOUNT, reason: 'No longer needed', cancelledBy, loggedMinutes: 0, minutesByActivity: {}, cancelledAt: iso(local) },
  }),
};

/** A ticket with authorized work: opened Monday 10:00, estimated 120 minutes at 11:00 for Wednesday 12:00. */
export const inProgress = (): TicketEvent[] => [opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00')];
export const delivered = (local = '2026-11-16T16:00'): TicketEvent[] => [...inProgress(), logged('e1', 90), event.delivered(local)];

/** A timer that reached 80 % of its target at `atLocal` (hand-computed), due at `dueLocal`. */
export const atRisk = (kind: 'firstResponse' | 'deliveryPromise', atLocal: string, dueLocal: string): TicketEvent =>
  ({ type: 'SlaAtRisk', data: { ticketId: TICKET, kind, dueAt: iso(dueLocal), atRiskAt: iso(atLocal) } });
