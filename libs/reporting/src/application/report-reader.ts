import { Temporal } from 'temporal-polyfill';
import { fold, DomainError } from '#kernel';
import type { EventCodec, EventStore } from '#eventstore';
import { type AccountEvent, accountCodec, accountDecider, accountStream, balanceAsOf, happenedBy } from '#hour-bank';
import { ticketCodec } from '#ticketing';
import type { ReadModelReader } from '#projections';
import { periodBounds } from '../domain/build-monthly-report.js';
import type { MonthlyReport } from '../domain/monthly-report.js';
import type { ReportEvent } from '../domain/report-facts.js';
import { type PositionedEvent, type ReportTimeline, reportKnownAt } from '../domain/report-timeline.js';
import { ticketsForPeriod } from './account-tickets.projection.js';

async function readUpTo(store: EventStore, stream: string, position: number, codec: Pick<EventCodec, 'decode'>): Promise<PositionedEvent[]> {
  const events: PositionedEvent[] = [];
  for await (const recorded of store.readStream(stream)) {
    if (recorded.position > position) break;
    const event = { ...codec.decode<ReportEvent>(recorded), actor: recorded.metadata.actor };
    events.push({ position: recorded.position, recordedAt: recorded.metadata.occurredAt, event });
  }
  return events;
}

/**
 * What the log knows, up to `position`, of an account's period: the account stream, and the streams of the account's
 * tickets that can count in the period (found in the report-account-tickets read model, which must have caught up
 * to that position). The wall clock plays no part.
 */
export async function readReportTimeline(store: EventStore, db: ReadModelReader, accountId: string, period: string, position: number): Promise<ReportTimeline> {
  const account = await readUpTo(store, accountStream(accountId), position, accountCodec);
  const opened = account.find(({ event }) => event.type === 'AccountOpened');
  if (!opened) throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
  const bounds = periodBounds(period, (opened.event.data as { timeZone: string }).timeZone);
  const ticketIds = await ticketsForPeriod(db, accountId, bounds.start.toString(), bounds.end.toString());
  const tickets = await Promise.all(ticketIds.map((id) => readUpTo(store, `ticket-${id}`, position, ticketCodec)));
  return { period, account, tickets };
}

/**
 * The account decider's own balance just before the period ends, from the recorded events that had taken effect
 * by then in business time (a credit of a past period recorded today counts from its period's start).
 */
const balanceAtPeriodEnd = (account: readonly PositionedEvent[], end: Temporal.Instant): number => {
  const lastInstant = end.subtract({ nanoseconds: 1 });
  const state = fold(accountDecider, happenedBy(account.map(({ event }) => event as AccountEvent), lastInstant));
  return balanceAsOf(state, lastInstant);
};

/** The report as the log knew it at `position`, refused when its closing balance is not the account's own. */
export function reconciledReport(timeline: ReportTimeline, position: number): MonthlyReport {
  const report = reportKnownAt(timeline, position);
  const expected = balanceAtPeriodEnd(timeline.account.filter((e) => e.position <= position), Temporal.Instant.from(report.periodEnd));
  if (report.closingBalance !== expected) {
    throw new DomainError('REPORT_DOES_NOT_RECONCILE', 'The report closing balance differs from the account balance at period end', {
      closingBalance: report.closingBalance, accountBalance: expected, position,
    });
  }
  return report;
}

export async function reportAtPosition(store: EventStore, db: ReadModelReader, accountId: string, period: string, position: number): Promise<MonthlyReport> {
  return reconciledReport(await readReportTimeline(store, db, accountId, period, position), position);
}
