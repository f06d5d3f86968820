import type { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import type { PlanTerms } from '../plans/plan-terms.js';
import type { AccountTerms } from './account-events.js';

type Command<Type extends string, Data> = { type: Type; data: Data; now: Temporal.Instant };

export type OpenAccount = Command<'OpenAccount', AccountTerms>;
export type CreditMonthlyPlan = Command<'CreditMonthlyPlan', { period: string }>;
export type PurchasePackage = Command<'PurchasePackage', { packageId: string; minutes: number }>;
/** A manager's correction: positive minutes credit a lot, negative ones are taken from the lots. */
export type AdjustBalance = Command<'AdjustBalance', { adjustmentId: string; minutes: number; reason: string }>;
/** Terms looked up in the plan catalog by the handler; they apply from the next period. */
export type ChangePlan = Command<'ChangePlan', { plan: PlanTerms }>;
export type ReserveForTicket = Command<'ReserveForTicket', { ticketId: string; minutes: number }>;
export type ReleaseReservation = Command<'ReleaseReservation', { ticketId: string }>;
/**
 * The ticket's total logged minutes, on close, cancellation or escalation. `endedAt` is when the
 * ticket ended (the debit belongs there, however late it is processed); absent, it is `now`.
 */
export type DebitTicket = Command<'DebitTicket', { ticketId: string; minutes: number; endedAt?: Temporal.Instant }>;
export type ExpireLots = Command<'ExpireLots', Record<string, never>>;
/** The calendar is the account's business calendar, looked up by the handler. */
export type InvoiceOverage = Command<'InvoiceOverage', { period: string; calendar: BusinessCalendar }>;
export type CancelAccount = Command<'CancelAccount', { reason: string }>;

export type AccountCommand =
  | OpenAccount
  | CreditMonthlyPlan
  | PurchasePackage
  | AdjustBalance
  | ChangePlan
  | ReserveForTicket
  | ReleaseReservation
  | DebitTicket
  | ExpireLots
  | InvoiceOverage
  | CancelAccount;
