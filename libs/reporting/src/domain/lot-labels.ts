import { Temporal } from 'temporal-polyfill';
import type { LotSource } from './monthly-report.js';
import { type LotCreditedFact, type ReportEvent, factOf } from './report-facts.js';
import { creditSourceOf } from './lot-ledger.js';

/** Where a lot came from and when it holds: what the report says about a lot instead of its internal id. */
export interface LotOrigin {
  readonly source: LotSource;
  readonly period: string;
  readonly creditedAt: string;
  readonly expiresAt: string;
  /** "Plano 03/2026", "Pacote de 03/12/2026", "Ajuste de 05/03/2026"; a second lot of the same name gets " (2)". */
  readonly label: string;
  /** The last day (YYYY-MM-DD, account zone) the lot can be used: the day before its expiry at midnight. */
  readonly validThrough: string;
}

export type LotOrigins = ReadonlyMap<string, LotOrigin>;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const zoned = (iso: string, timeZone: string) => Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
const day = (iso: string, timeZone: string) => {
  const z = zoned(iso, timeZone);
  return `${pad(z.day)}/${pad(z.month)}/${pad(z.year, 4)}`;
};

/** A lot expiring at the first instant of a day is valid through the day before. */
export const validThrough = (expiresAt: string, timeZone: string): string =>
  zoned(expiresAt, timeZone).subtract({ nanoseconds: 1 }).toPlainDate().toString();

const baseLabel = (source: LotSource, fact: LotCreditedFact, creditedAt: string, timeZone: string): string => {
  if (source === 'plan') return `Plano ${fact.period.slice(5)}/${fact.period.slice(0, 4)}`;
  return `${source === 'package' ? 'Pacote' : 'Ajuste'} de ${day(creditedAt, timeZone)}`;
};

/** Every lot the account's stream credits, with its human label, in the order they were credited. */
export function lotOrigins(events: readonly ReportEvent[], timeZone: string): LotOrigins {
  const origins = new Map<string, LotOrigin>();
  const seen = new Map<string, number>();
  for (const event of events) {
    const source = creditSourceOf(event);
    if (!source) continue;
    const fact = factOf<LotCreditedFact>(event);
    const creditedAt = fact.creditedAt ?? fact.purchasedAt ?? fact.adjustedAt ?? fact.expiresAt;
    const base = baseLabel(source, fact, creditedAt, timeZone);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    origins.set(fact.lotId, {
      source, period: fact.period, creditedAt, expiresAt: fact.expiresAt,
      label: count === 1 ? base : `${base} (${count})`, validThrough: validThrough(fact.expiresAt, timeZone),
    });
  }
  return origins;
}

/** The lot as a report line names it; a lot the stream does not credit (never expected) keeps its id. */
export const lotRef = (origins: LotOrigins, lotId: string) => {
  const origin = origins.get(lotId);
  return {
    lotId,
    label: origin?.label ?? `Lote ${lotId}`,
    source: origin?.source ?? null,
    creditedPeriod: origin?.period ?? null,
    validThrough: origin?.validThrough ?? null,
  };
};
