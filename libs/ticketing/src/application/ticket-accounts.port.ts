import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { CommandContext } from '#platform';
import type { TicketAccountStatus } from '../domain/ticket/commands.js';

/** The facts about an account that ticket decisions need, looked up outside the ticketing context. */
export interface TicketAccount {
  readonly accountId: string;
  /** The calendar the account opened with (tickets that keep no calendar of their own use it). */
  readonly calendar: BusinessCalendar;
  readonly status: TicketAccountStatus;
  /** The first-response target of a ticket opened at `now`: the plan's in force then, or a package-only contract's. */
  firstResponseBusinessMinutes(now: Temporal.Instant): number;
  /** The id of the account's calendar in force at `now` (an amendment may change it from a period on). */
  calendarIdAt(now: Temporal.Instant): string;
}

/** An estimate as the account's approval gate decided it, on the ticket revision it was decided on. */
export interface EstimateGate {
  readonly ticketId: string;
  readonly estimateId: string;
  readonly minutes: number;
  readonly ticketRevision: number;
}
export interface GateDecision {
  readonly availableMinutes: number;
  readonly approvalRequired: boolean;
  /** The ticket revision the recorded gate was decided on (a retried gate answers its first decision). */
  readonly ticketRevision: number;
}

export interface TicketAccounts {
  /** Throws ACCOUNT_NOT_FOUND when the account does not exist. */
  get(accountId: string): Promise<TicketAccount>;
  /** A business calendar by id, as its stream says now. */
  calendar(calendarId: string): Promise<BusinessCalendar>;
  /** The approval gate, decided on the account stream where the balance lives (serialised with every other estimate). */
  gateEstimate(accountId: string, gate: EstimateGate, context: CommandContext): Promise<GateDecision>;
  /** The compensation when the ticket could not record a gated estimate. */
  voidEstimateGate(accountId: string, gate: Pick<EstimateGate, 'ticketId' | 'estimateId'>, context: CommandContext): Promise<void>;
}

export const TICKET_ACCOUNTS = Symbol.for('hourbank.TicketAccounts');

/** Settings of the ticket rules a host configures (HOURBANK_AUTO_CLOSE_BUSINESS_DAYS). */
export interface TicketRuleSettings {
  readonly autoCloseBusinessDays: number;
  /** HOURBANK_OVERRUN_MARGIN_PERCENT. */
  readonly overrunMarginPercent?: number;
}
export const TICKET_RULE_SETTINGS = Symbol.for('hourbank.TicketRuleSettings');
