import { diffReports } from './report-diff.js';
import { buildMonthlyReport } from './build-monthly-report.js';
import type { MonthlyReport } from './monthly-report.js';
import type { CorrectionFact } from './report-document.js';
import { type ReportEvent, periodOfFact } from './report-facts.js';

/** A decoded event with where and when the log recorded it. */
export interface PositionedEvent {
  readonly position: number;
  readonly recordedAt: string;
  readonly event: ReportEvent;
}

/**
 * Everything the log knows of one account and period, with the position of each fact: the report as it was known
 * at any position (transaction time) is the same function of the facts recorded up to there. That is what makes
 * a report "as issued" and "as corrected" two readings of one log.
 */
export interface ReportTimeline {
  readonly period: string;
  readonly account: readonly PositionedEvent[];
  readonly tickets: readonly (readonly PositionedEvent[])[];
}

const upTo = (events: readonly PositionedEvent[], position: number) => events.filter((e) => e.position <= position).map((e) => e.event);

export const reportKnownAt = (timeline: ReportTimeline, position: number): MonthlyReport =>
  buildMonthlyReport({ period: timeline.period, account: upTo(timeline.account, position), tickets: timeline.tickets.map((t) => upTo(t, position)) });

/** Account facts of another period cannot change this one's report (the period a fact counts in is in its payload). */
const mayConcern = (period: string) => (e: PositionedEvent) => {
  const of = periodOfFact(e.event) ?? (e.event.type === 'OverageInvoiced' ? (e.event.data as { period: string }).period : undefined);
  return of === undefined || of === period;
};

const ticketFacts = (timeline: ReportTimeline, e: PositionedEvent) => {
  const data = e.event.data as { ticketId?: string; minutes?: number; loggedMinutes?: number; minutesDelta?: number };
  const ticketId = data.ticketId ?? null;
  const stream = timeline.tickets.find((t) => t.some((x) => (x.event.data as { ticketId?: string }).ticketId === ticketId)) ?? [];
  const opened = stream.find((x) => x.event.type === 'TicketOpened')?.event.data as { title?: string } | undefined;
  const numbered = stream.find((x) => x.event.type === 'TicketNumbered' && x.position <= e.position)?.event.data as { number?: number } | undefined;
  return {
    ticketId, ticketNumber: numbered?.number ?? null, ticketTitle: opened?.title ?? null,
    minutes: data.minutes ?? data.loggedMinutes ?? data.minutesDelta ?? null,
  };
};

/**
 * The facts recorded after `since` that changed the period's report, each with what it changed: the report known
 * after each later fact is compared with the one known before it. Together they are exactly the difference between
 * the report as issued and the report as the log tells it at `until`.
 */
export function correctionsSince(timeline: ReportTimeline, since: number, until: number): CorrectionFact[] {
  const later = [...timeline.account.filter(mayConcern(timeline.period)), ...timeline.tickets.flat()]
    .filter((e) => e.position > since && e.position <= until)
    .sort((a, b) => a.position - b.position);
  const facts: CorrectionFact[] = [];
  let before = reportKnownAt(timeline, since);
  for (const e of later) {
    const after = reportKnownAt(timeline, e.position);
    const changes = diffReports(before, after);
    if (changes.length > 0) facts.push({ position: e.position, recordedAt: e.recordedAt, type: e.event.type, ...ticketFacts(timeline, e), changes });
    before = after;
  }
  return facts;
}
