import type { PeriodBounds } from './balance-sections.js';
import { type LotOrigins, lotRef } from './lot-labels.js';
import { compareInstants, compareText, isWithin } from './lot-ledger.js';
import type { AlertLine, CreditLine, MonthlyReport, OverrunLine, PackageSales, Section, TicketRef } from './monthly-report.js';
import {
  type LotExpiringSoonAlertedFact, type LowBalanceAlertedFact, type OverrunApprovedFact, type OverrunRejectedFact, type OverrunRequestedFact,
  type ReportEvent, type ShortfallAlertedFact, type SlaAtRiskFact, factOf,
} from './report-facts.js';
import type { TicketSummary } from './ticket-summary.js';

/**
 * The report's sections of issue 15's facts (package prices, overrun approvals, alerts): each a function of the
 * account's and tickets' events and the period, beside the balance and ticket sections.
 */

/** The period's packages (credits of source package): how many, their minutes and what they sold for. */
export const packageSales = (credits: Section<CreditLine>): PackageSales => {
  const packages = credits.items.filter((c) => c.source === 'package');
  return {
    count: packages.length,
    minutes: packages.reduce((sum, p) => sum + p.minutes, 0),
    revenueCents: packages.reduce((sum, p) => sum + (p.priceCents ?? 0), 0),
    unpricedCount: packages.filter((p) => p.priceCents === null).length,
  };
};

const ticketRef = (summaries: ReadonlyMap<string, TicketSummary>, ticketId: string): TicketRef => {
  const summary = summaries.get(ticketId);
  return { ticketId, number: summary?.number ?? null, title: summary?.opened?.title ?? '' };
};

const decidedBefore = (at: string, bounds: PeriodBounds) => compareInstants(at, bounds.end.toString()) < 0;

/** One ticket's overrun requests with their decisions, in the order recorded (a ticket has at most one pending). */
const overrunsOf = (events: readonly ReportEvent[], summaries: ReadonlyMap<string, TicketSummary>, bounds: PeriodBounds): OverrunLine[] => {
  const lines: OverrunLine[] = [];
  let open: OverrunLine | undefined;
  for (const event of events) {
    if (event.type === 'OverrunApprovalRequested') {
      const f = factOf<OverrunRequestedFact>(event);
      open = {
        ...ticketRef(summaries, f.ticketId), requestedAt: f.requestedAt, additionalMinutes: f.additionalMinutes,
        previousEstimatedMinutes: f.previousEstimatedMinutes, estimatedMinutes: f.estimatedMinutes, reason: f.reason,
        status: 'pending', decidedAt: null, decidedByRole: null, decidedBy: null, rejectionReason: null,
      };
      lines.push(open);
    } else if (open && (event.type === 'OverrunApproved' || event.type === 'OverrunRejected')) {
      const approved = event.type === 'OverrunApproved';
      const f = approved ? factOf<OverrunApprovedFact>(event) : factOf<OverrunRejectedFact>(event);
      const decidedAt = approved ? (f as OverrunApprovedFact).approvedAt : (f as OverrunRejectedFact).rejectedAt;
      if (decidedBefore(decidedAt, bounds)) {
        lines[lines.length - 1] = {
          ...open, status: approved ? 'approved' : 'rejected', decidedAt,
          decidedByRole: approved ? (f as OverrunApprovedFact).approvedBy : (f as OverrunRejectedFact).rejectedBy,
          decidedBy: event.actor ?? null, rejectionReason: approved ? null : (f as OverrunRejectedFact).reason,
        };
      }
      open = undefined;
    }
  }
  return lines.filter((l) => isWithin(l.requestedAt, bounds.start, bounds.end) || (l.decidedAt !== null && isWithin(l.decidedAt, bounds.start, bounds.end)));
};

/** Overrun approvals requested or decided in the period, by request time; `approvedMinutes` adds the approved ones. */
export function overrunSection(
  tickets: readonly (readonly ReportEvent[])[], summaries: ReadonlyMap<string, TicketSummary>, bounds: PeriodBounds,
): MonthlyReport['overruns'] {
  const items = tickets.flatMap((events) => overrunsOf(events, summaries, bounds))
    .sort((a, b) => compareInstants(a.requestedAt, b.requestedAt) || compareText(a.ticketId, b.ticketId));
  return { items, approvedMinutes: items.filter((l) => l.status === 'approved').reduce((sum, l) => sum + l.additionalMinutes, 0) };
}

const blank = { minutes: null, thresholdMinutes: null, amountCents: null, lot: null, dueAt: null, ticket: null, slaKind: null } as const;

const accountAlert = (event: ReportEvent, origins: LotOrigins): AlertLine | undefined => {
  switch (event.type) {
    case 'LowBalanceAlerted': {
      const f = factOf<LowBalanceAlertedFact>(event);
      return { ...blank, kind: 'lowBalance', at: f.alertedAt, minutes: f.balanceMinutes, thresholdMinutes: f.thresholdMinutes };
    }
    case 'LotExpiringSoonAlerted': {
      const f = factOf<LotExpiringSoonAlertedFact>(event);
      return { ...blank, kind: 'lotExpiringSoon', at: f.alertedAt, minutes: f.minutes, lot: lotRef(origins, f.lotId), dueAt: f.expiresAt };
    }
    case 'ShortfallAlerted': {
      const f = factOf<ShortfallAlertedFact>(event);
      return { ...blank, kind: 'shortfall', at: f.alertedAt, minutes: f.shortfallMinutes, amountCents: f.estimatedAmountCents };
    }
    default:
      return undefined;
  }
};

const ticketAlert = (event: ReportEvent, summaries: ReadonlyMap<string, TicketSummary>): AlertLine | undefined => {
  if (event.type !== 'SlaAtRisk') return undefined;
  const f = factOf<SlaAtRiskFact>(event);
  return { ...blank, kind: 'slaAtRisk', at: f.atRiskAt, dueAt: f.dueAt, ticket: ticketRef(summaries, f.ticketId), slaKind: f.kind };
};

const KIND_ORDER = ['lotExpiringSoon', 'lowBalance', 'shortfall', 'slaAtRisk'];

/** The alerts raised in the period (account alerts and SLA at risk on its tickets), by the instant they were due. */
export function alertSection(
  account: readonly ReportEvent[], tickets: readonly (readonly ReportEvent[])[], summaries: ReadonlyMap<string, TicketSummary>,
  origins: LotOrigins, bounds: PeriodBounds,
): MonthlyReport['alerts'] {
  const raised = [
    ...account.map((e) => accountAlert(e, origins)),
    ...tickets.flat().map((e) => ticketAlert(e, summaries)),
  ].filter((line): line is AlertLine => line !== undefined && isWithin(line.at, bounds.start, bounds.end));
  raised.sort((a, b) => compareInstants(a.at, b.at) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || compareText(a.ticket?.ticketId ?? a.lot?.lotId ?? '', b.ticket?.ticketId ?? b.lot?.lotId ?? '') || compareText(a.slaKind ?? '', b.slaKind ?? ''));
  return { items: raised };
}
