import { Temporal } from 'temporal-polyfill';
import type { LotDraw } from './account-events.js';
import type { AccountBook, Lot } from './account-state.js';
import { compareInstants } from './time.js';
import { startOf } from './contract-terms.js';

const expiresAfter = (lot: Lot, instant: Temporal.Instant): boolean =>
  Temporal.Instant.compare(Temporal.Instant.from(lot.expiresAt), instant) > 0;

/** FIFO: earliest expiry first, then earliest credited (the sort is stable and lots are kept in credit order). */
export const fifo = (lots: readonly Lot[]): Lot[] => [...lots].sort((a, b) => compareInstants(a.expiresAt, b.expiresAt));

/** Lots still valid at `instant`: a lot expiring exactly then is gone. */
export const unexpiredLots = (book: AccountBook, instant: Temporal.Instant): Lot[] =>
  fifo(book.lots.filter((lot) => expiresAfter(lot, instant)));

export const unexpiredBalance = (book: AccountBook, instant: Temporal.Instant): number =>
  unexpiredLots(book, instant).reduce((sum, lot) => sum + lot.minutes, 0);

/**
 * When a lot's minutes may first pay: a plan lot from its period's first instant, even when credited
 * late; a package or adjustment from its credit (a lot from a snapshot older than `creditedAt` falls
 * back to its period's first instant).
 */
const validFrom = (book: AccountBook, lot: Lot): Temporal.Instant =>
  lot.source !== 'plan' && lot.creditedAt !== undefined ? Temporal.Instant.from(lot.creditedAt) : startOf(book, lot.period);

/** Lots that existed and had not expired at `instant` (and are still unexpired in the stream), FIFO. */
export const lotsValidAt = (book: AccountBook, instant: Temporal.Instant): Lot[] =>
  unexpiredLots(book, instant).filter((lot) => Temporal.Instant.compare(validFrom(book, lot), instant) <= 0);

/** Takes up to `minutes` from `lots` in their order; `covered` may be less than asked. */
export const drawFifo = (lots: readonly Lot[], minutes: number): { paidBy: LotDraw[]; covered: number } => {
  const paidBy: LotDraw[] = [];
  let missing = minutes;
  for (const lot of lots) {
    if (missing === 0) break;
    const taken = Math.min(lot.minutes, missing);
    paidBy.push({ lotId: lot.lotId, minutes: taken });
    missing -= taken;
  }
  return { paidBy, covered: minutes - missing };
};
