import type { Temporal } from 'temporal-polyfill';
import { type Ledger, applyToLedger, compareInstants, compareText, creditSourceOf, lotsExpiringIn, sumMinutes } from './lot-ledger.js';
import { type LotOrigins, lotOrigins, lotRef } from './lot-labels.js';
import type { CreditLine, ExpirationLine, LotSource, NegativeAdjustmentLine, Section } from './monthly-report.js';
import {
  type AdjustmentDebitedFact, type LotCreditedFact, type LotExpiredFact, type ReportEvent, type TicketDebitedFact,
  factOf, periodOfFact,
} from './report-facts.js';

export interface PeriodBounds {
  readonly period: string;
  readonly start: Temporal.Instant;
  readonly end: Temporal.Instant;
}

export interface BalanceSections {
  readonly openingBalance: number;
  readonly credits: Section<CreditLine>;
  readonly negativeAdjustments: Section<NegativeAdjustmentLine>;
  /** The period's ticket debits, in log order. */
  readonly debits: readonly TicketDebitedFact[];
  readonly expirations: Section<ExpirationLine>;
  readonly closingBalance: number;
  /** The lots as they stand at the end of the period (expired ones removed). */
  readonly closingLedger: Ledger;
  readonly origins: LotOrigins;
}

const creditLine = (event: ReportEvent, source: LotSource, origins: LotOrigins): CreditLine => {
  const fact = factOf<LotCreditedFact>(event);
  const origin = origins.get(fact.lotId)!;
  return {
    source,
    lotId: fact.lotId,
    label: origin.label,
    validThrough: origin.validThrough,
    reference: fact.packageId ?? fact.adjustmentId ?? fact.lotId,
    minutes: fact.minutes,
    at: fact.creditedAt ?? fact.purchasedAt ?? fact.adjustedAt ?? '',
    expiresAt: fact.expiresAt,
    reason: fact.reason ?? null,
    priceCents: source === 'package' ? (fact.priceCents ?? null) : null,
  };
};

const expirationLine = (origins: LotOrigins, lotId: string, minutes: number, expiredAt: string, recorded: boolean): ExpirationLine => ({
  ...lotRef(origins, lotId), minutes, expiredAt, recorded,
});

const section = <Line extends { minutes: number }>(items: Line[]): Section<Line> => ({ items, totalMinutes: sumMinutes(items) });

/**
 * Opening balance, the period's movements and the closing balance. Events count in the period their
 * payload names; lots expiring at the period's first instant are still in the opening balance.
 */
export function balanceSections(events: readonly ReportEvent[], bounds: PeriodBounds, timeZone: string): BalanceSections {
  const ledger: Ledger = new Map();
  const origins = lotOrigins(events, timeZone);
  for (const event of events) if ((periodOfFact(event) ?? '') < bounds.period) applyToLedger(ledger, event);
  const openingBalance = sumMinutes(lotsExpiringIn(ledger, bounds.start));
  const credits: CreditLine[] = [];
  const negatives: NegativeAdjustmentLine[] = [];
  const debits: TicketDebitedFact[] = [];
  const expirations: ExpirationLine[] = [];
  for (const event of events.filter((candidate) => periodOfFact(candidate) === bounds.period)) {
    const source = creditSourceOf(event);
    if (source) credits.push(creditLine(event, source, origins));
    if (event.type === 'AdjustmentDebited') negatives.push(negativeLine(factOf<AdjustmentDebitedFact>(event), origins));
    if (event.type === 'TicketDebited') debits.push(factOf<TicketDebitedFact>(event));
    if (event.type === 'LotExpired') {
      const { lotId, minutes, expiredAt } = factOf<LotExpiredFact>(event);
      expirations.push(expirationLine(origins, lotId, minutes, expiredAt, true));
    }
    applyToLedger(ledger, event);
  }
  for (const lot of lotsExpiringIn(ledger, bounds.start, bounds.end)) {
    expirations.push(expirationLine(origins, lot.lotId, lot.minutes, lot.expiresAt, false));
    ledger.delete(lot.lotId);
  }
  expirations.sort((a, b) => compareInstants(a.expiredAt, b.expiredAt) || compareText(a.lotId, b.lotId));
  const covered = debits.reduce((sum, debit) => sum + debit.covered, 0);
  const [creditSection, negativeSection, expirySection] = [section(credits), section(negatives), section(expirations)];
  const closingBalance = openingBalance + creditSection.totalMinutes - covered - negativeSection.totalMinutes - expirySection.totalMinutes;
  return {
    openingBalance, credits: creditSection, negativeAdjustments: negativeSection, debits, expirations: expirySection,
    closingBalance, closingLedger: ledger, origins,
  };
}

const negativeLine = (fact: AdjustmentDebitedFact, origins: LotOrigins): NegativeAdjustmentLine => ({
  adjustmentId: fact.adjustmentId, minutes: fact.minutes, at: fact.adjustedAt, reason: fact.reason,
  paidBy: fact.paidBy.map(({ lotId, minutes }) => ({ ...lotRef(origins, lotId), minutes })),
});
