import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { DueItem } from '#projections';
import { autoCloseDueAt, nextSlaDeadlines } from '../domain/sla/sla-deadlines.js';
import type { SlaKind } from '../domain/ticket/events.js';
import type { TicketState } from '../domain/ticket/state.js';

export const ticketDeadlineKinds = {
  slaBreach: 'ticket.sla-breach',
  autoClose: 'ticket.auto-close',
} as const;

export interface TicketDeadlinePayload {
  readonly ticketId: string;
  readonly kind?: SlaKind;
  readonly cause: { readonly id: string; readonly correlationId: string };
}

/**
 * The deadlines a ticket has after an event, as of that event's time: each unbroken SLA timer that is running
 * (a paused one has none, its due time moves), and the auto-close of a delivered ticket. The due time is part of
 * the key, so a due time that moves is a new deadline and the old one is cancelled by the caller.
 */
export const ticketDeadlines = (
  state: TicketState,
  calendar: BusinessCalendar,
  at: Temporal.Instant,
  autoCloseBusinessDays: number,
  cause: TicketDeadlinePayload['cause'],
): DueItem[] => {
  if (state.status === 'notOpened') return [];
  const { ticketId } = state;
  const sla = nextSlaDeadlines(state, calendar, at).map(({ kind, dueAt, fireAt }) => ({
    key: `4:sla:${ticketId}:${kind}:${dueAt}`,
    kind: ticketDeadlineKinds.slaBreach,
    dueAt: fireAt,
    payload: { ticketId, kind, cause } satisfies TicketDeadlinePayload,
  }));
  const autoClose = autoCloseDueAt(state, calendar, autoCloseBusinessDays);
  if (!autoClose || !state.deliveredAt) return sla;
  return [
    ...sla,
    {
      key: `3:auto-close:${ticketId}:${Temporal.Instant.from(state.deliveredAt).toString()}`,
      kind: ticketDeadlineKinds.autoClose,
      dueAt: autoClose.toString(),
      payload: { ticketId, cause } satisfies TicketDeadlinePayload,
    },
  ];
};
