import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { DueItem } from '#projections';
import { formatInstant, parseInstant } from '../domain/sla/iso-instant.js';
import { autoCloseDueAt, nextSlaDeadlines } from '../domain/sla/sla-deadlines.js';
import { slaRisks } from '../domain/sla/sla-risk.js';
import type { SlaKind } from '../domain/ticket/events.js';
import type { TicketState } from '../domain/ticket/state.js';

export const ticketDeadlineKinds = {
  slaBreach: 'ticket.sla-breach',
  slaAtRisk: 'ticket.sla-at-risk',
  autoClose: 'ticket.auto-close',
} as const;

export interface TicketDeadlinePayload {
  readonly ticketId: string;
  /** The ticket's account: an account command carries out the due closes of its tickets first. */
  readonly accountId?: string;
  readonly kind?: SlaKind;
  readonly cause: { readonly id: string; readonly correlationId: string };
}

type Cause = TicketDeadlinePayload['cause'];

/**
 * The SLA deadlines a ticket has as of `at`: each unbroken timer that is running (a paused one has none, its due
 * time moves) or broken and not yet recorded. The due time is part of the key, so a due time that moves is a new
 * deadline and the caller cancels the old one. The at-risk alerts of timers not alerted yet share the SLA keys' range.
 * The keys depend only on the ticket's SLA facts.
 */
export const slaDeadlineItems = (state: TicketState, calendar: BusinessCalendar, at: Temporal.Instant, cause: Cause): DueItem[] => {
  if (state.status === 'notOpened') return [];
  const { ticketId } = state;
  const breaches = nextSlaDeadlines(state, calendar, at).map(({ kind, dueAt, fireAt }) => ({
    key: `4:sla:${ticketId}:${kind}:${dueAt}`,
    kind: ticketDeadlineKinds.slaBreach,
    dueAt: fireAt,
    payload: { ticketId, accountId: state.accountId, kind, cause } satisfies TicketDeadlinePayload,
  }));
  const risks = slaRisks(state, calendar).map(({ kind, event }) => ({
    key: `4:sla:${ticketId}:risk:${kind}:${event.data.atRiskAt}`,
    kind: ticketDeadlineKinds.slaAtRisk,
    dueAt: event.data.atRiskAt,
    payload: { ticketId, accountId: state.accountId, kind, cause } satisfies TicketDeadlinePayload,
  }));
  return [...breaches, ...risks];
};

/** The auto-close of a delivered ticket waiting for its client; it depends only on the status and delivery time. */
export const autoCloseItems = (state: TicketState, calendar: BusinessCalendar, businessDays: number, cause: Cause): DueItem[] => {
  if (state.status === 'notOpened') return [];
  const due = autoCloseDueAt(state, calendar, businessDays);
  if (!due || !state.deliveredAt) return [];
  const key = `3:auto-close:${state.ticketId}:${formatInstant(parseInstant(state.deliveredAt))}`;
  return [{ key, kind: ticketDeadlineKinds.autoClose, dueAt: formatInstant(due), payload: { ticketId: state.ticketId, accountId: state.accountId, cause } satisfies TicketDeadlinePayload }];
};

/** Every deadline of the ticket after an event at `at`. */
export const ticketDeadlines = (state: TicketState, calendar: BusinessCalendar, at: Temporal.Instant, autoCloseBusinessDays: number, cause: Cause): DueItem[] => [
  ...slaDeadlineItems(state, calendar, at, cause),
  ...autoCloseItems(state, calendar, autoCloseBusinessDays, cause),
];
