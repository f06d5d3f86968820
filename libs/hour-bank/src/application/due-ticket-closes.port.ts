import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';

/** A ticket of the account whose automatic close is due and not carried out yet (close and debit). */
export interface DueTicketClose {
  readonly key: string;
  readonly ticketId: string;
  readonly dueAt: string;
  readonly cause: { readonly id: string; readonly correlationId: string };
}

/**
 * The automatic closes due by `until` of an account's tickets, in the order the scheduler fires them. A command on
 * the account carries them out first (close, then debit), so nothing dated after a ticket's due close reaches the
 * account before that close's debit, however late the scheduler is.
 */
export interface DueTicketCloses {
  /** `calendars`: the account's (opening first); a ticket's close is counted in the calendar it keeps, else the opening one. */
  dueBy(accountId: string, until: Temporal.Instant, calendars: readonly BusinessCalendar[]): Promise<readonly DueTicketClose[]>;
}

export const DUE_TICKET_CLOSES = Symbol.for('hourbank.DueTicketCloses');
