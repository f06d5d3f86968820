import { compareInstants } from '../domain/lot-ledger.js';
import type { CreditLine, LotLabel, MonthlyReport, TicketLine } from '../domain/monthly-report.js';
import { brl, date, hhmm } from './format.js';
import { sourceLabel, ticketRef, validity } from './labels.js';
import { Temporal } from 'temporal-polyfill';

/** One movement of the period's balance, a row of the flat CSV: a credit, a draw of a debit or adjustment, an expiry. */
export interface Movement {
  readonly at: string;
  readonly kind: string;
  readonly lot: Pick<LotLabel, 'label' | 'source' | 'validThrough'> | null;
  readonly ticket: Pick<TicketLine, 'number' | 'title'> | null;
  readonly description: string;
  /** What it did to the balance, signed. */
  readonly minutes: number;
  /** What a debit could not take from the balance (a shortfall row; it leaves the balance as it is). */
  readonly shortfall: number;
}

const KIND_ORDER = ['Expiração', 'Crédito do plano', 'Pacote', 'Ajuste positivo', 'Ajuste negativo', 'Débito de chamado', 'Excedente'];
const creditKinds = { plan: 'Crédito do plano', package: 'Pacote', adjustment: 'Ajuste positivo' } as const;

const debitRows = (t: TicketLine): Movement[] => {
  if (!t.debit) return [];
  const ticket = { number: t.number, title: t.title };
  const draws = t.debit.paidBy.map((p) => ({ at: t.debit!.debitedAt, kind: 'Débito de chamado', lot: p, ticket, description: 'Horas do chamado encerrado', minutes: -p.minutes, shortfall: 0 }));
  const short = t.debit.shortfallMinutes > 0
    ? [{ at: t.debit.debitedAt, kind: 'Excedente', lot: null, ticket, description: 'Horas sem saldo, faturadas como excedente', minutes: 0, shortfall: t.debit.shortfallMinutes }]
    : [];
  return [...draws, ...short];
};

/** A package's price ("Preço: R$ 1.500,00"), an adjustment's reason. */
const creditDescription = (c: CreditLine): string => (c.priceCents !== null ? `Preço: ${brl(c.priceCents)}` : c.reason ?? '');

/** Every movement of the period in time order; their minutes add up to the closing balance from the opening one. */
export const movementsOf = (report: MonthlyReport): Movement[] => [
  ...report.credits.items.map((c) => ({ at: c.at, kind: creditKinds[c.source], lot: c, ticket: null, description: creditDescription(c), minutes: c.minutes, shortfall: 0 })),
  ...report.negativeAdjustments.items.flatMap((a) =>
    a.paidBy.map((p) => ({ at: a.at, kind: 'Ajuste negativo', lot: p, ticket: null, description: a.reason, minutes: -p.minutes, shortfall: 0 }))),
  ...report.tickets.items.flatMap(debitRows),
  ...report.expirations.items.map((e) => ({ at: e.expiredAt, kind: 'Expiração', lot: e, ticket: null, description: 'Horas não usadas até o fim da validade', minutes: -e.minutes, shortfall: 0 })),
].sort((a, b) => compareInstants(a.at, b.at) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));

const time = (iso: string, timeZone: string): string => {
  const z = Temporal.Instant.from(iso).toZonedDateTimeISO(timeZone);
  return `${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
};

export const MOVEMENT_HEADERS = [
  'Data', 'Hora', 'Tipo', 'Lote', 'Origem do lote', 'Lote válido até', 'Chamado', 'Título do chamado', 'Descrição',
  'Minutos no saldo', 'Horas no saldo', 'Minutos excedentes', 'Saldo após (minutos)', 'Saldo após (h:mm)',
] as const;

/** The rows of the flat table, with the running balance. */
export const movementRows = (report: MonthlyReport): string[][] => {
  let balance = report.openingBalance;
  return movementsOf(report).map((m) => {
    balance += m.minutes;
    return [
      date(m.at, report.timeZone), time(m.at, report.timeZone), m.kind, m.lot?.label ?? '', m.lot ? sourceLabel(m.lot.source) : '',
      m.lot ? validity(m.lot) : '', m.ticket ? ticketRef(m.ticket) : '', m.ticket?.title ?? '', m.description,
      String(m.minutes), hhmm(m.minutes), String(m.shortfall), String(balance), hhmm(balance),
    ];
  });
};
