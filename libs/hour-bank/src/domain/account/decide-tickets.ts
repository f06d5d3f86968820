import { DomainError } from '#kernel';
import { periodOf } from '#calendar';
import type { DebitTicket, ReleaseReservation, ReserveForTicket } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import type { AccountState } from './account-state.js';
import { afterDueExpiries, isRepeat, opened, positiveMinutes, requiredText } from './guards.js';
import { drawFifo } from './lots.js';

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

/**
 * The ticket's logged minutes leave the lots FIFO; what they cannot cover is a shortfall of the
 * period of the debit. The ticket's reservation ends with it. Allowed on a cancelled account.
 */
export const debitTicket = ({ data, now }: DebitTicket, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = ticketIdOf(data.ticketId);
  const minutes = loggedMinutes(data.minutes);
  if (isRepeat(account.debitedTickets, ticketId, minutes)) return [];
  return afterDueExpiries(account, now, (current) => {
    const { paidBy, covered } = drawFifo(current, minutes, now);
    const period = periodOf(now, current.timeZone);
    const debit = { ticketId, minutes, covered, shortfall: minutes - covered, period, paidBy };
    return [{ type: 'TicketDebited', data: { ...debit, debitedAt: now.toString() } }];
  });
};
