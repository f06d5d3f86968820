import { Temporal } from 'temporal-polyfill';
import { DomainError } from '#kernel';
import type { DebitTicket, ReleaseReservation, ReserveForTicket } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import type { AccountState, OpenedAccount } from './account-state.js';
import { afterDueFacts, isRepeat, opened, positiveMinutes, requiredText } from './guards.js';
import { drawFifo, lotsValidAt } from './lots.js';
import { periodAt } from './contract-terms.js';
import { shortfallAlert } from './due-alerts.js';
import { evolveAccount } from './account-evolve.js';

const ticketIdOf = (ticketId: unknown): string => requiredText(ticketId, 'TICKET_ID_IS_REQUIRED', 'The ticket id');

/** When a ticket event happened; one later than `now` (another process's clock) is taken as `now`. */
const instantOf = (at: Temporal.Instant | undefined, now: Temporal.Instant): Temporal.Instant =>
  at === undefined || Temporal.Instant.compare(at, now) > 0 ? now : at;

/**
 * A ticket event the account has already followed, or overtaken: the ticket was debited (its reservation ended
 * with it), a later event of the ticket was applied, or (for what the account never followed by revision) the
 * ticket says a later event settled the reservation. Replaying the ticket's events changes nothing.
 */
const alreadyFollowed = (account: OpenedAccount, data: ReserveForTicket['data'] | ReleaseReservation['data'], legacy: boolean): boolean => {
  const followed = account.reservationRevisions?.[data.ticketId];
  if (account.debitedTickets[data.ticketId] !== undefined) return true;
  if (data.ticketRevision !== undefined && followed !== undefined && data.ticketRevision <= followed) return true;
  return legacy && data.overtaken === true;
};

const settlesGates = (account: OpenedAccount, ticketId: string, ticketRevision: number | undefined): boolean =>
  ticketRevision !== undefined && (account.heldEstimates?.[ticketId] ?? []).some((held) => held.ticketRevision < ticketRevision);

/** An estimate reserves its minutes; a new estimate of the same ticket replaces the reservation and settles its gates. */
export const reserveForTicket = ({ data, now, calendar }: ReserveForTicket, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = ticketIdOf(data.ticketId);
  const minutes = positiveMinutes(data.minutes);
  const { ticketRevision, estimateId } = data;
  if (alreadyFollowed(account, data, estimateId === undefined)) return [];
  if (account.reservations[ticketId] === minutes && !settlesGates(account, ticketId, ticketRevision)) return [];
  const at = instantOf(data.at, now);
  const reserved = { ticketId, minutes, reservedAt: at.toString(), ...(ticketRevision !== undefined && { ticketRevision }), ...(estimateId && { estimateId }) };
  return afterDueFacts(account, at, calendar, () => [{ type: 'MinutesReservedForTicket', data: reserved }]);
};

export const releaseReservation = ({ data, now, calendar }: ReleaseReservation, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = ticketIdOf(data.ticketId);
  const { ticketRevision } = data;
  if (alreadyFollowed(account, data, account.reservationRevisions?.[ticketId] === undefined)) return [];
  const minutes = account.reservations[ticketId];
  if (minutes === undefined && !settlesGates(account, ticketId, ticketRevision)) return [];
  const at = instantOf(data.at, now);
  const released = { ticketId, minutes: minutes ?? 0, releasedAt: at.toString(), ...(ticketRevision !== undefined && { ticketRevision }) };
  return afterDueFacts(account, at, calendar, () => [{ type: 'TicketReservationReleased', data: released }]);
};

const loggedMinutes = (minutes: unknown): number => {
  if (typeof minutes !== 'number' || !Number.isSafeInteger(minutes) || minutes < 0) {
    throw new DomainError('DEBIT_MUST_BE_A_WHOLE_NUMBER_OF_MINUTES', 'A debit is whole minutes, zero or more', { minutes });
  }
  return minutes;
};

/**
 * The ticket's logged minutes are debited as of the instant the ticket ended, however late the debit is
 * processed: the facts due by then are written first (so a credit of a period that had started pays, and a lot
 * that had expired does not), then the minutes leave, FIFO, the lots that existed and were unexpired then and are
 * still unexpired in the stream; what those cannot cover is a shortfall of the period of the end. Nothing due
 * after the end is written with it: the closes of other tickets due in between come first. The ticket's
 * reservation ends with it; a first shortfall of the period is alerted with it. Allowed on a cancelled account.
 */
export const debitTicket = ({ data, now, calendar }: DebitTicket, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const ticketId = ticketIdOf(data.ticketId);
  const minutes = loggedMinutes(data.minutes);
  if (isRepeat(account.debitedTickets, ticketId, minutes)) return [];
  const endedAt = instantOf(data.endedAt, now);
  return afterDueFacts(account, endedAt, calendar, (current) => {
    const { paidBy, covered } = drawFifo(lotsValidAt(current, endedAt), minutes);
    const period = periodAt(current, endedAt);
    const debited = { ticketId, minutes, covered, shortfall: minutes - covered, period, paidBy };
    const debit: AccountEvent = { type: 'TicketDebited', data: { ...debited, endedAt: endedAt.toString(), debitedAt: now.toString() } };
    return [debit, ...shortfallAlert(evolveAccount(current, debit) as OpenedAccount, period, endedAt)];
  });
};
