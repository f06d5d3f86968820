import type { Temporal } from 'temporal-polyfill';
import type { PlanTerms } from '../plans/plan-terms.js';
import type { AccountTerms } from './account-events.js';
import type { CalendarSet } from './contract-terms.js';
import type { AccountCommandExtension } from './contract-commands.js';

type Command<Type extends string, Data> = { type: Type; data: Data; now: Temporal.Instant };
/**
 * A command on an open account. It carries the account's business calendar, looked up by the handler: before
 * deciding, the account applies the facts already due (expiries, credits, invoices on the first business day).
 */
export type OnAccount<Type extends string, Data> = Command<Type, Data> & { calendar: CalendarSet };

export type OpenAccount = Command<'OpenAccount', AccountTerms>;
export type CreditMonthlyPlan = OnAccount<'CreditMonthlyPlan', { period: string }>;
export type PurchasePackage = OnAccount<'PurchasePackage', { packageId: string; minutes: number; priceCents?: number }>;
/** A manager's correction: positive minutes credit a lot, negative ones are taken from the lots. */
export type AdjustBalance = OnAccount<'AdjustBalance', { adjustmentId: string; minutes: number; reason: string }>;
/** Terms looked up in the plan catalog by the handler; they apply from the next period. `null`: package-only from then. */
export type ChangePlan = OnAccount<'ChangePlan', { plan: PlanTerms | null }>;
/**
 * The approval gate, decided here where the balance lives: `minutes` are compared with the available minutes
 * (other tickets' reservations and gates counted), and held for the ticket until its estimate is recorded or
 * the gate is voided. `ticketRevision` is the revision of the ticket stream the estimate was decided on.
 */
export type GateEstimate = OnAccount<'GateEstimate', { ticketId: string; estimateId: string; minutes: number; ticketRevision: number }>;
/** Compensation: the ticket could not record the estimate a gate was decided for. */
export type VoidEstimateGate = OnAccount<'VoidEstimateGate', { ticketId: string; estimateId: string }>;
/**
 * What the ticket stream says about the reservation, as of its event at `ticketRevision` (an estimate or a
 * rejection), which happened at `at`. A revision already applied, or a ticket already debited, changes nothing.
 * `overtaken`: a later event of the ticket already says what its reservation is. The account orders tickets'
 * events by revision itself; it needs this only for estimates recorded before gates (no `estimateId`) and for
 * tickets it never followed by revision, whose replays it could not order otherwise.
 */
interface FollowedTicketEvent { ticketId: string; ticketRevision?: number; at?: Temporal.Instant; overtaken?: boolean }
export type ReserveForTicket = OnAccount<'ReserveForTicket', FollowedTicketEvent & { minutes: number; estimateId?: string }>;
export type ReleaseReservation = OnAccount<'ReleaseReservation', FollowedTicketEvent>;
/**
 * The ticket's total logged minutes, on close, cancellation or escalation. `endedAt` is when the
 * ticket ended (the debit belongs there, however late it is processed); absent, it is `now`.
 */
export type DebitTicket = OnAccount<'DebitTicket', { ticketId: string; minutes: number; endedAt?: Temporal.Instant }>;
export type ExpireLots = OnAccount<'ExpireLots', Record<string, never>>;
export type InvoiceOverage = OnAccount<'InvoiceOverage', { period: string }>;
export type CancelAccount = OnAccount<'CancelAccount', { reason: string }>;

export type AccountCommand =
  | AccountCommandExtension
  | OpenAccount
  | CreditMonthlyPlan
  | PurchasePackage
  | AdjustBalance
  | ChangePlan
  | GateEstimate
  | VoidEstimateGate
  | ReserveForTicket
  | ReleaseReservation
  | DebitTicket
  | ExpireLots
  | InvoiceOverage
  | CancelAccount;
