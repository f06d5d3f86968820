import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { TicketAccountStatus } from '../domain/ticket/commands.js';

/** The facts about an account that ticket decisions need, looked up outside the ticketing context. */
export interface TicketAccount {
  readonly accountId: string;
  readonly calendar: BusinessCalendar;
  readonly status: TicketAccountStatus;
  /** The first-response target of the plan in force at `now`. */
  firstResponseBusinessMinutes(now: Temporal.Instant): number;
  /** Unexpired balance minus the other tickets' reservations, as of `now`. */
  availableMinutes(now: Temporal.Instant, excludingTicketId: string): number;
}

export interface TicketAccounts {
  /** Throws ACCOUNT_NOT_FOUND when the account does not exist. */
  get(accountId: string): Promise<TicketAccount>;
}

export const TICKET_ACCOUNTS = Symbol.for('hourbank.TicketAccounts');
