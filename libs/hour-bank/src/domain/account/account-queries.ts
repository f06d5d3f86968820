import type { Temporal } from 'temporal-polyfill';
import type { AccountBook, AccountState, Lot } from './account-state.js';
import { unexpiredBalance, unexpiredLots } from './lots.js';

/** Minutes in lots not yet expired at `instant`, whether or not their expiry event is written yet. */
export const balanceAsOf = (state: AccountState, instant: Temporal.Instant): number =>
  state.status === 'unopened' ? 0 : unexpiredBalance(state, instant);

/** The lots behind balanceAsOf, in the order a debit would use them. */
export const lotsAsOf = (state: AccountState, instant: Temporal.Instant): Lot[] =>
  state.status === 'unopened' ? [] : unexpiredLots(state, instant);

/**
 * The minutes held for each ticket: its reservation, or the largest estimate gated for it and not settled yet
 * when that is more (while a gate is open the estimate may still land, so it counts in full).
 */
export const heldMinutes = (book: AccountBook): Map<string, number> => {
  const held = new Map(Object.entries(book.reservations));
  for (const [ticketId, gates] of Object.entries(book.heldEstimates ?? {})) {
    for (const gate of gates) held.set(ticketId, Math.max(held.get(ticketId) ?? 0, gate.minutes));
  }
  return held;
};

/**
 * What the approval gate compares an estimate with: the unexpired balance minus what the other tickets hold.
 * May be negative.
 */
export const availableMinutes = (state: AccountState, asOf: Temporal.Instant, excludingTicketId?: string): number => {
  if (state.status === 'unopened') return 0;
  const reserved = [...heldMinutes(state)]
    .filter(([ticketId]) => ticketId !== excludingTicketId)
    .reduce((sum, [, minutes]) => sum + minutes, 0);
  return unexpiredBalance(state, asOf) - reserved;
};

/** Minutes that debits closed in `period` could not cover. */
export const shortfallOf = (state: AccountState, period: string): number =>
  state.status === 'unopened' ? 0 : state.shortfalls[period] ?? 0;

/** The amount invoiced for a period's shortfall, if it was. */
export const overageInvoicedFor = (state: AccountState, period: string): number | undefined =>
  state.status === 'unopened' ? undefined : state.invoices[period];
