import type { EstimateGated, EstimateGateVoided, MinutesReservedForTicket, TicketReservationReleased } from './account-events.js';
import type { Draft } from '#kernel';
import type { AccountBook, HeldEstimate } from './account-state.js';

type Held = Readonly<Record<string, readonly HeldEstimate[]>>;

const withHeld = (held: Held, ticketId: string, entries: readonly HeldEstimate[], draft: Draft): Held =>
  entries.length === 0 ? draft.without(held, ticketId) : draft.set(held, ticketId, entries);

/** A ticket event at `revision` settles every gate decided on an earlier revision: it landed, or it never can. */
const settledBy = (book: AccountBook, ticketId: string, revision: number | undefined, draft: Draft) => {
  const held = book.heldEstimates ?? {};
  if (revision === undefined) return { heldEstimates: held, reservationRevisions: book.reservationRevisions ?? {} };
  const open = (held[ticketId] ?? []).filter((entry) => entry.ticketRevision >= revision);
  return { heldEstimates: withHeld(held, ticketId, open, draft), reservationRevisions: draft.set(book.reservationRevisions ?? {}, ticketId, revision) };
};

export const estimateGated = <Book extends AccountBook>(book: Book, { data }: EstimateGated, draft: Draft): Book => {
  const held = book.heldEstimates ?? {};
  const entry = { estimateId: data.estimateId, minutes: data.minutes, ticketRevision: data.ticketRevision };
  return { ...book, heldEstimates: withHeld(held, data.ticketId, [...(held[data.ticketId] ?? []), entry], draft) };
};

export const estimateGateVoided = <Book extends AccountBook>(book: Book, { data }: EstimateGateVoided, draft: Draft): Book => {
  const held = book.heldEstimates ?? {};
  const open = (held[data.ticketId] ?? []).filter((entry) => entry.estimateId !== data.estimateId);
  return { ...book, heldEstimates: withHeld(held, data.ticketId, open, draft) };
};

export const minutesReserved = <Book extends AccountBook>(book: Book, { data }: MinutesReservedForTicket, draft: Draft): Book => ({
  ...book,
  ...settledBy(book, data.ticketId, data.ticketRevision, draft),
  reservations: draft.set(book.reservations, data.ticketId, data.minutes),
});

export const reservationReleased = <Book extends AccountBook>(book: Book, { data }: TicketReservationReleased, draft: Draft): Book => ({
  ...book,
  ...settledBy(book, data.ticketId, data.ticketRevision, draft),
  reservations: draft.without(book.reservations, data.ticketId),
});

/** The debit ends everything the ticket held. */
export const reservationsEnded = <Book extends AccountBook>(book: Book, ticketId: string, draft: Draft): Book => ({
  ...book,
  reservations: draft.without(book.reservations, ticketId),
  heldEstimates: draft.without(book.heldEstimates ?? {}, ticketId),
  reservationRevisions: draft.without(book.reservationRevisions ?? {}, ticketId),
});
