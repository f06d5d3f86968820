import { DomainError, roundHalfUpDiv } from '#kernel';
import { addPeriods, periodStart } from '#calendar';
import { type BalanceSections, type PeriodBounds, balanceSections } from './balance-sections.js';
import { lotsExpiringIn, sumMinutes } from './lot-ledger.js';
import { lotRef } from './lot-labels.js';
import type { MonthlyReport, OverageSection } from './monthly-report.js';
import {
  type AccountOpenedFact, type ContractAmendedFact, type OverageInvoicedFact, type PlanChangedFact, type ReportEvent, type TicketDebitedFact, factOf,
} from './report-facts.js';
import { alertSection, overrunSection, packageSales } from './service-sections.js';
import { slaSection, ticketSection } from './ticket-sections.js';
import { type TicketSummary, summarizeTicket } from './ticket-summary.js';

/** The account's stream and each of its tickets' streams, decoded, in log order, up to one log position. */
export interface MonthlyReportInput {
  readonly period: string;
  readonly account: readonly ReportEvent[];
  readonly tickets: readonly (readonly ReportEvent[])[];
}

export const EXPIRING_SOON_DAYS = 90;
export const USAGE_HISTORY_PERIODS = 12;

const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

export const assertReportPeriod = (period: string): string => {
  if (!periodPattern.test(period)) {
    throw new DomainError('PERIOD_MUST_BE_A_YEAR_AND_MONTH', 'A period is written YYYY-MM', { period });
  }
  return period;
};

const openedFact = (events: readonly ReportEvent[]): AccountOpenedFact => {
  const opened = events.find((event) => event.type === 'AccountOpened');
  if (!opened) throw new DomainError('ACCOUNT_NOT_FOUND', 'The account was not found');
  return factOf<AccountOpenedFact>(opened);
};

export const periodBounds = (period: string, timeZone: string): PeriodBounds => ({
  period: assertReportPeriod(period),
  start: periodStart(period, timeZone),
  end: periodStart(addPeriods(period, 1), timeZone),
});

/** The plan in force in the period: null for a package-only contract (opened so, or its plan discontinued). */
const planOf = (events: readonly ReportEvent[], opened: AccountOpenedFact, period: string) => {
  let plan: AccountOpenedFact['plan'] | null = opened.kind === 'package' ? null : (opened.plan ?? null);
  for (const event of events.filter((candidate) => candidate.type === 'PlanChanged' || candidate.type === 'PlanDiscontinued')) {
    const change = factOf<{ plan?: PlanChangedFact['plan']; effectiveFrom: string }>(event);
    if (change.effectiveFrom <= period) plan = event.type === 'PlanChanged' ? change.plan! : null;
  }
  return plan ? { code: plan.code, monthlyMinutes: plan.monthlyMinutes } : null;
};

/** The contract as amended for the period (name, rate, zone): the last amendment effective by then wins. */
const termsOf = (events: readonly ReportEvent[], opened: AccountOpenedFact, period: string): AccountOpenedFact => {
  let terms = opened;
  for (const event of events.filter((candidate) => candidate.type === 'ContractAmended')) {
    const { effectiveFrom, clientName, overageRateCentsPerHour, timeZone } = factOf<ContractAmendedFact>(event);
    if (effectiveFrom > period) continue;
    terms = { ...terms, ...(clientName !== undefined && { clientName }), ...(overageRateCentsPerHour !== undefined && { overageRateCentsPerHour }), ...(timeZone !== undefined && { timeZone }) };
  }
  return terms;
};

const overageOf = (events: readonly ReportEvent[], opened: AccountOpenedFact, period: string, shortfallMinutes: number): OverageSection => {
  const invoiced = events.filter((e) => e.type === 'OverageInvoiced').map((e) => factOf<OverageInvoicedFact>(e)).find((i) => i.period === period);
  if (invoiced) {
    const { rateCentsPerHour, amountCents, invoicedAt } = invoiced;
    return { shortfallMinutes: invoiced.shortfallMinutes, rateCentsPerHour, amountCents, status: 'invoiced', invoicedAt };
  }
  const rateCentsPerHour = opened.overageRateCentsPerHour;
  const amountCents = roundHalfUpDiv(shortfallMinutes * rateCentsPerHour, 60);
  return { shortfallMinutes, rateCentsPerHour, amountCents, status: shortfallMinutes > 0 ? 'pending' : 'none', invoicedAt: null };
};

/** The last 12 periods up to this one, none before the contract's first: minutes used beside the plan's allowance. */
const usageByPeriod = (events: readonly ReportEvent[], opened: AccountOpenedFact, debits: readonly TicketDebitedFact[], period: string) =>
  Array.from({ length: USAGE_HISTORY_PERIODS }, (_, index) => addPeriods(period, index - USAGE_HISTORY_PERIODS + 1))
    .filter((p) => p >= opened.firstPeriod)
    .map((p) => ({
      period: p,
      minutes: debits.filter((debit) => debit.period === p).reduce((sum, debit) => sum + debit.minutes, 0),
      allowanceMinutes: planOf(events, opened, p)?.monthlyMinutes ?? 0,
    }));

const expiringSoon = (balance: BalanceSections, bounds: PeriodBounds, timeZone: string): MonthlyReport['expiringSoon'] => {
  const until = bounds.end.toZonedDateTimeISO(timeZone).add({ days: EXPIRING_SOON_DAYS }).toInstant();
  const items = lotsExpiringIn(balance.closingLedger, bounds.end, until).map(({ lotId, minutes, expiresAt }) => ({
    ...lotRef(balance.origins, lotId), minutes, expiresAt,
  }));
  return { from: bounds.end.toString(), until: until.toString(), items, totalMinutes: sumMinutes(items) };
};

const summaries = (tickets: MonthlyReportInput['tickets']): Map<string, TicketSummary> => {
  const byId = new Map<string, TicketSummary>();
  for (const summary of tickets.map(summarizeTicket)) if (summary) byId.set(summary.ticketId, summary);
  return byId;
};

/** The monthly report of an account for one period, from its events alone: the same events give the same report. */
export function buildMonthlyReport(input: MonthlyReportInput): MonthlyReport {
  const opened = termsOf(input.account, openedFact(input.account), input.period);
  const bounds = periodBounds(input.period, opened.timeZone);
  const balance = balanceSections(input.account, bounds, opened.timeZone);
  const allDebits = input.account.filter((e) => e.type === 'TicketDebited').map((e) => factOf<TicketDebitedFact>(e));
  const tickets = summaries(input.tickets);
  const ticketLines = ticketSection(tickets, balance.debits, new Set(allDebits.map((d) => d.ticketId)), bounds, balance.origins);
  return {
    schema: 'hourbank.monthly-report.v3',
    accountId: opened.accountId,
    clientName: opened.clientName,
    period: bounds.period,
    timeZone: opened.timeZone,
    periodStart: bounds.start.toString(),
    periodEnd: bounds.end.toString(),
    firstPeriod: opened.firstPeriod,
    plan: planOf(input.account, opened, bounds.period),
    openingBalance: balance.openingBalance,
    credits: balance.credits,
    packageSales: packageSales(balance.credits),
    negativeAdjustments: balance.negativeAdjustments,
    tickets: ticketLines,
    expirations: balance.expirations,
    closingBalance: balance.closingBalance,
    overage: overageOf(input.account, opened, bounds.period, ticketLines.shortfallMinutes),
    sla: slaSection(tickets, bounds),
    expiringSoon: expiringSoon(balance, bounds, opened.timeZone),
    usageByPeriod: usageByPeriod(input.account, opened, allDebits, bounds.period),
    overruns: overrunSection(input.tickets, tickets, bounds),
    alerts: alertSection(input.account, input.tickets, tickets, balance.origins, bounds),
  };
}
