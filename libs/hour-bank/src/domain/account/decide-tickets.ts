import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import { periodOf } from '#calendar';
import type { DebitTicket, ReleaseReservation, ReserveForTicket } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import type { AccountState, OpenedAccount } from './account-state.js';
import { evolveAccount } from './account-evolve.js';
import { afterDueExpiries, isRepeat, opened, positiveMinutes, requiredText } from './guards.js';
import { drawFifo, dueExpiries, lotsValidAt } from './lots.js';

const ticketIdOf = (ticketId: unknown): string => requiredText(ticketId, 'TICKET_ID_IS_REQUIRED', 'The ticket id');

/** An estimate reserves its minutes; a new estimate of the same ticket replaces the reservation. */
export const reserveForTicket = ({ data, now }: ReserveForTicket, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = ticketIdOf(data.ticketId);
  const minutes = positiveMinutes(data.minutes);
  if (account.debitedTickets[ticketId] !== undefined) {
    throw new DomainError('TICKET_ALREADY_DEBITED', 'A debited ticket reserves nothing more', { ticketId });
  }
  if (account.reservations[ticketId] === minutes) return [];
  return [{ type: 'MinutesReservedForTicket', data: { ticketId, minutes, reservedAt: now.toString() } }];
};

export const releaseReservation = ({ data, now }: ReleaseReservation, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = ticketIdOf(data.ticketId);
  const minutes = account.reservations[ticketId];
  if (minutes === undefined) return [];
  return [{ type: 'TicketReservationReleased', data: { ticketId, minutes, releasedAt: now.toString() } }];
};

const loggedMinutes = (minutes: unknown): number => {
  if (typeof minutes !== 'number' || !Number.isSafeInteger(minutes) || minutes < 0) {
    throw new DomainError('DEBIT_MUST_BE_A_WHOLE_NUMBER_OF_MINUTES', 'A debit is whole minutes, zero or more', { minutes });
  }
  return minutes;
};

/** When the ticket ended; an end later than `now` (another process's clock) is taken as `now`. */
const endOf = (endedAt: Temporal.Instant | undefined, now: Temporal.Instant): Temporal.Instant =>
  endedAt === undefined || Temporal.Instant.compare(endedAt, now) > 0 ? now : endedAt;

/**
 * The ticket's logged minutes are debited as of the instant the ticket ended, however late the
 * debit is processed: they leave, FIFO, the lots that existed and were unexpired then and are still
 * unexpired in the stream; what those cannot cover is a shortfall of the period of the end. Expiries
 * due by the end are written before the debit, those due between the end and `now` after it (so
 * they expire what the debit left). The ticket's reservation ends with it. Allowed on a cancelled account.
 */
export const debitTicket = ({ data, now }: DebitTicket, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = ticketIdOf(data.ticketId);
  const minutes = loggedMinutes(data.minutes);
  if (isRepeat(account.debitedTickets, ticketId, minutes)) return [];
  const endedAt = endOf(data.endedAt, now);
  const debit = afterDueExpiries(account, endedAt, (current) => {
    const { paidBy, covered } = drawFifo(lotsValidAt(current, endedAt), minutes);
    const period = periodOf(endedAt, current.timeZone);
    const debited = { ticketId, minutes, covered, shortfall: minutes - covered, period, paidBy };
    return [{ type: 'TicketDebited', data: { ...debited, endedAt: endedAt.toString(), debitedAt: now.toString() } }];
  });
  const afterDebit = debit.reduce<AccountState>(evolveAccount, account) as OpenedAccount;
  return [...debit, ...dueExpiries(afterDebit, now)];
};
