import { Inject, Injectable, Optional } from '@nestjs/common';
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { Draft, type RecordedEvent } from '#kernel';
import { type SnapshotSource, loadStream } from '#platform';
import {
  DEFAULT_AUTO_CLOSE_BUSINESS_DAYS, TICKET_RULE_SETTINGS, type TicketEvent, type TicketRuleSettings, type TicketState, autoCloseItems, ticketCodec,
  ticketDecider, ticketStream,
} from '#ticketing';
import { accountDecider, accountStream } from '../domain/account/account-decider.js';
import type { AccountBook, AccountState } from '../domain/account/account-state.js';
import { ACCOUNT_SNAPSHOTS } from '../reactors/account-snapshots.js';
import { accountCodec } from './codecs.js';
import type { DueTicketClose, DueTicketCloses } from './due-ticket-closes.port.js';

/**
 * The tickets of an account that may have a close to carry out: every ticket gated on the account stream (an estimate
 * is gated there before the ticket records it, and a ticket is delivered only after an estimate) and not debited yet.
 * Gates not settled are `heldEstimates`, settled ones leave a reservation (and its revision) until the debit.
 */
export const undebitedGatedTickets = (book: AccountBook): string[] => {
  const tickets = new Set([...Object.keys(book.heldEstimates ?? {}), ...Object.keys(book.reservations), ...Object.keys(book.reservationRevisions ?? {})]);
  return [...tickets].filter((ticketId) => book.debitedTickets[ticketId] === undefined).sort();
};

interface FoldedTicket {
  readonly state: TicketState;
  /** The event after which the ticket last became delivered: the cause the deadlines projection gives its auto-close. */
  readonly deliveredBy?: RecordedEvent;
}

const causeOf = (recorded: RecordedEvent) => ({ id: recorded.id, correlationId: recorded.metadata.correlationId });

/**
 * The automatic closes an account command carries out first, read from the streams themselves, so they are as
 * current as the log whatever the deadlines projection or the scheduler are doing (stopped, lagging, parked, on
 * another host): the account stream says which tickets were gated and not debited, each ticket's stream whether it
 * is delivered and since when, and the ticket's own rule (`autoCloseDueAt`, the account's calendar) when its close is
 * due. Also a ticket closed automatically whose debit is not on the account yet (its close was written, the process
 * died before the debit): carrying it out again closes nothing and writes the debit. Keys, causes and command ids are
 * the deadlines projection's, so the scheduler and the reactor, coming later, change nothing.
 */
@Injectable()
export class DueTicketClosesFromStreams implements DueTicketCloses {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(ACCOUNT_SNAPSHOTS) private readonly snapshots?: SnapshotSource<AccountState>,
    @Optional() @Inject(TICKET_RULE_SETTINGS) private readonly settings?: TicketRuleSettings,
  ) {}

  async dueBy(accountId: string, until: Temporal.Instant, calendars: readonly BusinessCalendar[]): Promise<readonly DueTicketClose[]> {
    const { state: account } = await loadStream(this.store, accountStream(accountId), accountDecider, accountCodec, '', this.snapshots);
    if (account.status === 'unopened') return [];
    const days = this.settings?.autoCloseBusinessDays ?? DEFAULT_AUTO_CLOSE_BUSINESS_DAYS;
    const tickets = await Promise.all(undebitedGatedTickets(account).map((ticketId) => this.fold(ticketId)));
    const closes = tickets.flatMap(({ state, deliveredBy }): DueTicketClose[] => {
      if (state.status === 'notOpened' || state.accountId !== accountId || !deliveredBy) return [];
      if (state.status === 'closed' && state.closed?.how !== 'autoClosed') return [];
      const calendar = calendars.find((candidate) => candidate.id === state.calendarId) ?? calendars[0]!;
      const [item] = autoCloseItems(state.status === 'closed' ? { ...state, status: 'delivered' } : state, calendar, days, causeOf(deliveredBy));
      if (!item) return [];
      const dueAt = state.status === 'closed' ? state.closed!.at : item.dueAt;
      if (Temporal.Instant.compare(Temporal.Instant.from(dueAt), until) > 0) return [];
      return [{ key: item.key, ticketId: state.ticketId, dueAt, cause: causeOf(deliveredBy) }];
    });
    return closes.sort((a, b) => Temporal.Instant.compare(Temporal.Instant.from(a.dueAt), Temporal.Instant.from(b.dueAt)) || (a.key < b.key ? -1 : 1));
  }

  private async fold(ticketId: string): Promise<FoldedTicket> {
    let state = ticketDecider.initialState();
    let deliveredBy: RecordedEvent | undefined;
    // One draft for the whole fold: linear in the ticket's events (a lone evolve copies its records each time). The
    // draft changes the state it made in place, so what is compared is read before the event is folded.
    const draft = new Draft();
    for await (const recorded of this.store.readStream(ticketStream(ticketId))) {
      const before = state.status === 'delivered' ? { deliveredAt: state.deliveredAt } : undefined;
      state = ticketDecider.evolve(state, ticketCodec.decode<TicketEvent>(recorded), draft);
      if (state.status === 'delivered' && (before === undefined || before.deliveredAt !== state.deliveredAt)) deliveredBy = recorded;
    }
    return { state, ...(deliveredBy && { deliveredBy }) };
  }
}
