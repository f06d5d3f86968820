import type { PeriodBounds } from './balance-sections.js';
import { type LotOrigins, lotRef } from './lot-labels.js';
import { compareInstants, compareText, isWithin, sumMinutes } from './lot-ledger.js';
import type { ActivityMinutes, MonthlyReport, SlaBreachLine, TicketLine } from './monthly-report.js';
import { type TicketDebitedFact, activityOrder } from './report-facts.js';
import { type TicketSummary, metIn } from './ticket-summary.js';

const rank = (activity: string): number => {
  const index = (activityOrder as readonly string[]).indexOf(activity);
  return index < 0 ? activityOrder.length : index;
};

export const activityLines = (byActivity: Readonly<Record<string, number | undefined>>): ActivityMinutes[] =>
  Object.entries(byActivity)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] !== 0)
    .map(([activity, minutes]) => ({ activity, minutes }))
    .sort((a, b) => rank(a.activity) - rank(b.activity) || compareText(a.activity, b.activity));

const ticketLine = (summary: TicketSummary | undefined, ticketId: string, debit: TicketDebitedFact | undefined, origins: LotOrigins): TicketLine => ({
  ticketId,
  number: summary?.number ?? null,
  title: summary?.opened?.title ?? '',
  category: summary?.opened?.category ?? '',
  outcome: summary?.ended?.outcome ?? null,
  endedAt: summary?.ended?.at ?? null,
  minutes: debit?.minutes ?? summary?.ended?.fact.loggedMinutes ?? 0,
  minutesByActivity: activityLines(summary?.ended?.fact.minutesByActivity ?? {}),
  debit: debit
    ? {
        coveredMinutes: debit.covered,
        shortfallMinutes: debit.shortfall,
        // When the debit took effect (the ticket's end), not when a worker processed it: the report must not depend on that.
        debitedAt: debit.endedAt ?? debit.debitedAt,
        paidBy: debit.paidBy.map(({ lotId, minutes }) => ({
          ...lotRef(origins, lotId), minutes,
        })),
      }
    : null,
});

const lineTime = (line: TicketLine): string => line.endedAt ?? line.debit?.debitedAt ?? '';

/**
 * The tickets debited in the period, and those that ended in it and are not debited yet (the debit
 * follows the close and belongs to the period it is made in).
 */
export function ticketSection(
  summaries: ReadonlyMap<string, TicketSummary>, debits: readonly TicketDebitedFact[], debitedEver: ReadonlySet<string>,
  bounds: PeriodBounds, origins: LotOrigins,
): MonthlyReport['tickets'] {
  const lines = debits.map((debit) => ticketLine(summaries.get(debit.ticketId), debit.ticketId, debit, origins));
  for (const summary of summaries.values()) {
    const ended = summary.ended;
    if (ended && !debitedEver.has(summary.ticketId) && isWithin(ended.at, bounds.start, bounds.end)) {
      lines.push(ticketLine(summary, summary.ticketId, undefined, origins));
    }
  }
  lines.sort((a, b) => (lineTime(a) && lineTime(b) ? compareInstants(lineTime(a), lineTime(b)) : 0) || compareText(a.ticketId, b.ticketId));
  return {
    items: lines,
    totalMinutes: sumMinutes(lines),
    coveredMinutes: debits.reduce((sum, debit) => sum + debit.covered, 0),
    shortfallMinutes: debits.reduce((sum, debit) => sum + debit.shortfall, 0),
  };
}

/** Timers met in the period (stopped in it, on time) and breached in it (by their due time). */
export function slaSection(summaries: ReadonlyMap<string, TicketSummary>, bounds: PeriodBounds): MonthlyReport['sla'] {
  const breaches: SlaBreachLine[] = [];
  const counts = { firstResponse: { met: 0, breached: 0 }, deliveryPromise: { met: 0, breached: 0 } };
  for (const summary of summaries.values()) {
    const met = metIn(summary, bounds.start, bounds.end);
    if (met.firstResponse) counts.firstResponse.met++;
    if (met.deliveryPromise) counts.deliveryPromise.met++;
    for (const breach of summary.breaches.filter((b) => isWithin(b.dueAt, bounds.start, bounds.end))) {
      counts[breach.kind].breached++;
      breaches.push({ ticketId: summary.ticketId, number: summary.number ?? null, title: summary.opened?.title ?? '', kind: breach.kind, dueAt: breach.dueAt });
    }
  }
  breaches.sort((a, b) => compareInstants(a.dueAt, b.dueAt) || compareText(a.ticketId, b.ticketId) || compareText(a.kind, b.kind));
  return { ...counts, breaches };
}
