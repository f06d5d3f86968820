import { Temporal } from 'temporal-polyfill';
import type { LotSource } from './monthly-report.js';
import { type AdjustmentDebitedFact, type LotCreditedFact, type ReportEvent, type TicketDebitedFact, factOf } from './report-facts.js';

/** A lot as the report follows it: its origin, what is left of it, and when it expires. */
export interface LedgerLot {
  readonly lotId: string;
  readonly source: LotSource;
  readonly period: string;
  readonly minutes: number;
  readonly expiresAt: string;
}

export type Ledger = Map<string, LedgerLot>;

const creditSources: Readonly<Record<string, LotSource>> = {
  MonthlyPlanCredited: 'plan',
  PackagePurchased: 'package',
  AdjustmentCredited: 'adjustment',
};

export const creditSourceOf = (event: ReportEvent): LotSource | undefined => creditSources[event.type];

const draw = (ledger: Ledger, paidBy: readonly { lotId: string; minutes: number }[]): void => {
  for (const { lotId, minutes } of paidBy) {
    const lot = ledger.get(lotId);
    if (lot) ledger.set(lotId, { ...lot, minutes: lot.minutes - minutes });
  }
};

/** Moves the ledger by one account event; events that do not touch lots leave it as it is. */
export const applyToLedger = (ledger: Ledger, event: ReportEvent): void => {
  const source = creditSourceOf(event);
  if (source) {
    const { lotId, period, minutes, expiresAt } = factOf<LotCreditedFact>(event);
    ledger.set(lotId, { lotId, source, period, minutes, expiresAt });
  } else if (event.type === 'TicketDebited') {
    draw(ledger, factOf<TicketDebitedFact>(event).paidBy);
  } else if (event.type === 'AdjustmentDebited') {
    draw(ledger, factOf<AdjustmentDebitedFact>(event).paidBy);
  } else if (event.type === 'LotExpired') {
    ledger.delete(factOf<{ lotId: string }>(event).lotId);
  }
};

const instant = (iso: string) => Temporal.Instant.from(iso);

/** Lots with minutes left whose expiry falls in [from, until); `until` omitted: no upper bound. */
export const lotsExpiringIn = (ledger: Ledger, from: Temporal.Instant, until?: Temporal.Instant): LedgerLot[] =>
  [...ledger.values()]
    .filter((lot) => lot.minutes > 0)
    .filter((lot) => Temporal.Instant.compare(instant(lot.expiresAt), from) >= 0)
    .filter((lot) => !until || Temporal.Instant.compare(instant(lot.expiresAt), until) < 0)
    .sort((a, b) => compareInstants(a.expiresAt, b.expiresAt) || compareText(a.lotId, b.lotId));

export const sumMinutes = (lines: readonly { minutes: number }[]): number => lines.reduce((sum, line) => sum + line.minutes, 0);

/** Code-unit order, independent of the machine's locale. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** ISO instants of different precision do not sort as text. */
export const compareInstants = (a: string, b: string): number => Temporal.Instant.compare(instant(a), instant(b));

export const isWithin = (iso: string, from: Temporal.Instant, until: Temporal.Instant): boolean =>
  Temporal.Instant.compare(instant(iso), from) >= 0 && Temporal.Instant.compare(instant(iso), until) < 0;
