import type { MonthlyReport } from '../domain/monthly-report.js';
import { date, dateTime, hhmm, periodName } from './format.js';
import {
  activityLabel, minutesAndHours, outcomeLabel, overageRows, slaKindLabel, sourceLabel, summaryRows,
} from './labels.js';

/** One section of the report as rows of text: what CSV, HTML and PDF all lay out. */
export interface ReportTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns holding numbers (right-aligned where layout allows). */
  readonly numeric: readonly number[];
}

export const REPORT_TITLE = 'Relatório mensal de banco de horas';

export const headerLines = (report: MonthlyReport): [string, string][] => [
  ['Cliente', report.clientName],
  ['Conta', report.accountId],
  ['Período', `${periodName(report.period)} (${report.period})`],
  ['Plano', report.plan ? `${report.plan.code}: ${report.plan.monthlyMinutes} minutos (${hhmm(report.plan.monthlyMinutes)}) por mês` : 'Pacote único (sem crédito mensal)'],
  ['Fuso horário', report.timeZone],
];

const minutesHeaders = ['Minutos', 'Horas (h:mm)'];

/** A ticket as people know it: its number (#1042), or its id before it was numbered. */
const ticketRef = (line: { ticketId: string; number: number | null }): string => (line.number === null ? line.ticketId : `#${line.number}`);

const ticketTables = (report: MonthlyReport, tz: string): ReportTable[] => [
  {
    title: 'Chamados encerrados no período',
    headers: ['Chamado', 'Título', 'Situação', 'Encerrado em', ...minutesHeaders, 'Cobertos', 'Excedente', 'Lotes que pagaram'],
    rows: report.tickets.items.map((t) => [
      ticketRef(t), t.title, outcomeLabel(t.outcome), t.endedAt ? dateTime(t.endedAt, tz) : '—', ...minutesAndHours(t.minutes),
      t.debit ? String(t.debit.coveredMinutes) : 'débito pendente', t.debit ? String(t.debit.shortfallMinutes) : '—',
      t.debit ? t.debit.paidBy.map((p) => `${p.lotId}: ${p.minutes}`).join(', ') : '—',
    ]),
    numeric: [4, 5, 6, 7],
  },
  {
    title: 'Minutos por atividade',
    headers: ['Chamado', 'Atividade', ...minutesHeaders],
    rows: report.tickets.items.flatMap((t) => t.minutesByActivity.map((a) => [ticketRef(t), activityLabel(a.activity), ...minutesAndHours(a.minutes)])),
    numeric: [2, 3],
  },
];

const balanceTables = (report: MonthlyReport, tz: string): ReportTable[] => [
  {
    title: 'Créditos',
    headers: ['Data', 'Origem', 'Referência', ...minutesHeaders, 'Validade', 'Motivo'],
    rows: report.credits.items.map((c) => [
      date(c.at, tz), sourceLabel(c.source), c.reference, ...minutesAndHours(c.minutes), date(c.expiresAt, tz), c.reason ?? '',
    ]),
    numeric: [3, 4],
  },
  {
    title: 'Ajustes negativos',
    headers: ['Data', 'Ajuste', ...minutesHeaders, 'Motivo'],
    rows: report.negativeAdjustments.items.map((a) => [date(a.at, tz), a.adjustmentId, ...minutesAndHours(a.minutes), a.reason]),
    numeric: [2, 3],
  },
];

const closingTables = (report: MonthlyReport, tz: string): ReportTable[] => [
  {
    title: 'Horas expiradas',
    headers: ['Expirou em', 'Lote', 'Origem', 'Crédito de', ...minutesHeaders],
    rows: report.expirations.items.map((e) => [
      dateTime(e.expiredAt, tz), e.lotId, sourceLabel(e.source), e.creditedPeriod ?? '—', ...minutesAndHours(e.minutes),
    ]),
    numeric: [4, 5],
  },
  { title: 'Excedente e fatura', headers: ['Item', 'Valor'], rows: overageRows(report), numeric: [] },
  {
    title: 'SLA no período',
    headers: ['Indicador', 'Cumpridos', 'Violados'],
    rows: (['firstResponse', 'deliveryPromise'] as const).map((kind) => [
      slaKindLabel(kind), String(report.sla[kind].met), String(report.sla[kind].breached),
    ]),
    numeric: [1, 2],
  },
  {
    title: 'Violações de SLA',
    headers: ['Chamado', 'Indicador', 'Vencimento'],
    rows: report.sla.breaches.map((b) => [ticketRef(b), slaKindLabel(b.kind), dateTime(b.dueAt, tz)]),
    numeric: [],
  },
  {
    title: `Lotes que expiram nos próximos 90 dias (até ${date(report.expiringSoon.until, tz)})`,
    headers: ['Expira em', 'Lote', 'Origem', 'Crédito de', ...minutesHeaders],
    rows: report.expiringSoon.items.map((l) => [
      dateTime(l.expiresAt, tz), l.lotId, sourceLabel(l.source), l.creditedPeriod ?? '—', ...minutesAndHours(l.minutes),
    ]),
    numeric: [4, 5],
  },
  {
    title: 'Horas consumidas por mês',
    headers: ['Período', ...minutesHeaders],
    rows: report.usageByPeriod.map((u) => [u.period, ...minutesAndHours(u.minutes)]),
    numeric: [1, 2],
  },
];

/** The report's sections in reading order. */
export const reportTables = (report: MonthlyReport): ReportTable[] => [
  {
    title: 'Resumo',
    headers: ['Item', ...minutesHeaders],
    rows: summaryRows(report).map(([label, minutes]) => [label, ...minutesAndHours(minutes)]),
    numeric: [1, 2],
  },
  ...balanceTables(report, report.timeZone),
  ...ticketTables(report, report.timeZone),
  ...closingTables(report, report.timeZone),
];
