import { Temporal } from 'temporal-polyfill';
import { DomainError, type RecordedEvent } from '#kernel';
import type { EventCodec, EventStore } from '#eventstore';
import { type AccountEvent, accountCodec, accountDecider, accountStream, balanceAsOf, happenedBy } from '#hour-bank';
import { ticketCodec } from '#ticketing';
import type { ReadModelReader } from '#projections';
import { buildMonthlyReport, periodBounds } from '../domain/build-monthly-report.js';
import type { MonthlyReport } from '../domain/monthly-report.js';
import type { ReportEvent } from '../domain/report-facts.js';
import { ticketsForPeriod } from './account-tickets.projection.js';

async function readUpTo(store: EventStore, stream: string, position: number, codec: Pick<EventCodec, 'decode'>) {
  const events: { event: ReportEvent; recorded: RecordedEvent }[] = [];
  for await (const recorded of store.readStream(stream)) {
    if (recorded.position > position) break;
    events.push({ event: codec.decode<ReportEvent>(recorded), recorded });
  }
  return events;
}

/**
 * The account decider's own balance just before the period ends, from the recorded events that had taken effect
 * by then in business time (a credit of a past period recorded today counts from its period's start).
 */
const balanceAtPeriodEnd = (account: readonly { event: ReportEvent; recorded: RecordedEvent }[], end: Temporal.Instant): number => {
  const lastInstant = end.subtract({ nanoseconds: 1 });
  const state = happenedBy(account.map(({ event }) => event as AccountEvent), lastInstant).reduce(accountDecider.evolve, accountDecider.initialState());
  return balanceAsOf(state, lastInstant);
};

/**
 * Builds a report from the events at or before a log position: the account stream, and the streams of
 * the account's tickets that can count in the period (found in the report-account-tickets read model,
 * which must have caught up to that position). The wall clock plays no part.
 */
export async function reportAtPosition(store: EventStore, db: ReadModelReader, accountId: string, period: string, position: number): Promise<MonthlyReport> {
  const account = await readUpTo(store, accountStream(accountId), position, accountCodec);
  const opened = account.find(({ event }) => event.type === 'AccountOpened');
  if (!opened) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
  const bounds = periodBounds(period, (opened.event.data as { timeZone: string }).timeZone);
  const ticketIds = await ticketsForPeriod(db, accountId, bounds.start.toString(), bounds.end.toString());
  const tickets = await Promise.all(ticketIds.map((id) => readUpTo(store, `ticket-${id}`, position, ticketCodec)));
  const report = buildMonthlyReport({ period, account: account.map((e) => e.event), tickets: tickets.map((t) => t.map((e) => e.event)) });
  const expected = balanceAtPeriodEnd(account, bounds.end);
  if (report.closingBalance !== expected) {
    throw new DomainError('REPORT_DOES_NOT_RECONCILE', 'The report closing balance differs from the account balance at period end', {
      closingBalance: report.closingBalance, accountBalance: expected, position,
    });
  }
  return report;
}
