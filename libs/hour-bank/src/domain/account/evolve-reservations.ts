import type { EstimateGated, EstimateGateVoided, MinutesReservedForTicket, TicketReservationReleased } from './account-events.js';
import type { AccountBook, HeldEstimate } from './account-state.js';

type Held = Readonly<Record<string, readonly HeldEstimate[]>>;

const without = <Value>(record: Readonly<Record<string, Value>>, key: string): Record<string, Value> => {
  const { [key]: _removed, ...rest } = record;
  return rest;
};

const withHeld = (held: Held, ticketId: string, entries: readonly HeldEstimate[]): Held =>
  entries.length === 0 ? without(held, ticketId) : { ...held, [ticketId]: entries };

/** A ticket event at `revision` settles every gate decided on an earlier revision: it landed, or it never can. */
const settledBy = (book: AccountBook, ticketId: string, revision: number | undefined) => {
  const held = book.heldEstimates ?? {};
  if (revision === undefined) return { heldEstimates: held, reservationRevisions: book.reservationRevisions ?? {} };
  const open = (held[ticketId] ?? []).filter((entry) => entry.ticketRevision >= revision);
  return { heldEstimates: withHeld(held, ticketId, open), reservationRevisions: { ...book.reservationRevisions, [ticketId]: revision } };
};

export const estimateGated = <Book extends AccountBook>(book: Book, { data }: EstimateGated): Book => {
  const held = book.heldEstimates ?? {};
  const entry = { estimateId: data.estimateId, minutes: data.minutes, ticketRevision: data.ticketRevision };
  return { ...book, heldEstimates: withHeld(held, data.ticketId, [...(held[data.ticketId] ?? []), entry]) };
};

export const estimateGateVoided = <Book extends AccountBook>(book: Book, { data }: EstimateGateVoided): Book => {
  const held = book.heldEstimates ?? {};
  const open = (held[data.ticketId] ?? []).filter((entry) => entry.estimateId !== data.estimateId);
  return { ...book, heldEstimates: withHeld(held, data.ticketId, open) };
};

export const minutesReserved = <Book extends AccountBook>(book: Book, { data }: MinutesReservedForTicket): Book => ({
  ...book,
  ...settledBy(book, data.ticketId, data.ticketRevision),
  reservations: { ...book.reservations, [data.ticketId]: data.minutes },
});

export const reservationReleased = <Book extends AccountBook>(book: Book, { data }: TicketReservationReleased): Book => ({
  ...book,
  ...settledBy(book, data.ticketId, data.ticketRevision),
  reservations: without(book.reservations, data.ticketId),
});

/** The debit ends everything the ticket held. */
export const reservationsEnded = <Book extends AccountBook>(book: Book, ticketId: string): Book => ({
  ...book,
  reservations: without(book.reservations, ticketId),
  heldEstimates: without(book.heldEstimates ?? {}, ticketId),
  reservationRevisions: without(book.reservationRevisions ?? {}, ticketId),
});
