import type { ReportDocument } from '../domain/report-document.js';
import type { MonthlyReport } from '../domain/monthly-report.js';
import { date, dateTime, dayBefore, hhmm, periodName } from './format.js';
import {
  activityLabel, correctionFactLabel, effectLabel, outcomeLabel, overageRows, slaKindLabel, summaryRows, ticketRef, validity,
} from './labels.js';
import { alertTable, overrunTable, packageTable } from './service-tables.js';

/** One section of the report as rows of text: what HTML and PDF lay out. */
export interface ReportTable {
  readonly title: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns holding numbers (right-aligned). */
  readonly numeric: readonly number[];
  /** Shown instead of an empty table. */
  readonly empty?: string;
}

export const REPORT_TITLE = 'Relatório mensal de banco de horas';

/** "01/03/2026 a 31/03/2026": the period's days, both included. */
export const periodDays = (report: MonthlyReport): string =>
  `${date(report.periodStart, report.timeZone)} a ${dayBefore(report.periodEnd, report.timeZone)}`;

/** "START: 10:00 h por mês", or the package-only contract (no monthly credit). */
export const planLabel = (report: MonthlyReport): string =>
  report.plan ? `${report.plan.code}: ${hhmm(report.plan.monthlyMinutes)} h por mês` : 'Pacote único (sem crédito mensal)';

export const headerLines = (report: MonthlyReport): [string, string][] => [
  ['Cliente', report.clientName],
  ['Período', `${periodName(report.period)} (${periodDays(report)})`],
  ['Plano', planLabel(report)],
];

const H = 'Horas (h:mm)';

const ticketTables = (report: MonthlyReport, tz: string): ReportTable[] => [
  {
    title: 'Chamados encerrados no período',
    headers: ['Chamado', 'Título', 'Situação', 'Encerrado em', H, 'Cobertas', 'Excedentes', 'Pagas com'],
    rows: report.tickets.items.map((t) => [
      ticketRef(t), t.title, outcomeLabel(t.outcome), t.endedAt ? dateTime(t.endedAt, tz) : '—', hhmm(t.minutes),
      t.debit ? hhmm(t.debit.coveredMinutes) : 'débito pendente', t.debit ? hhmm(t.debit.shortfallMinutes) : '—',
      t.debit ? t.debit.paidBy.map((p) => `${p.label}: ${hhmm(p.minutes)}`).join('; ') || '—' : '—',
    ]),
    numeric: [4, 5, 6],
    empty: 'Nenhum chamado encerrado no período.',
  },
  {
    title: 'Horas por atividade',
    headers: ['Chamado', 'Título', 'Atividade', H],
    rows: report.tickets.items.flatMap((t) => t.minutesByActivity.map((a) => [ticketRef(t), t.title, activityLabel(a.activity), hhmm(a.minutes)])),
    numeric: [3],
    empty: 'Nenhuma hora lançada em chamados encerrados no período.',
  },
];

const balanceTables = (report: MonthlyReport, tz: string): ReportTable[] => [
  {
    title: 'Créditos do período',
    headers: ['Lote', 'Creditado em', H, 'Válido até', 'Motivo'],
    rows: report.credits.items.map((c) => [c.label, date(c.at, tz), hhmm(c.minutes), validity(c), c.reason ?? '']),
    numeric: [2],
    empty: 'Nenhum crédito no período.',
  },
  {
    title: 'Ajustes negativos',
    headers: ['Data', H, 'Motivo'],
    rows: report.negativeAdjustments.items.map((a) => [date(a.at, tz), hhmm(a.minutes), a.reason]),
    numeric: [1],
    empty: 'Nenhum ajuste negativo no período.',
  },
];

const closingTables = (report: MonthlyReport, tz: string): ReportTable[] => [
  {
    title: 'Horas expiradas',
    headers: ['Lote', 'Válido até', H],
    rows: report.expirations.items.map((e) => [e.label, validity(e), hhmm(e.minutes)]),
    numeric: [2],
    empty: 'Nenhuma hora expirou no período.',
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
    headers: ['Chamado', 'Título', 'Indicador', 'Venceu em'],
    rows: report.sla.breaches.map((b) => [ticketRef(b), b.title, slaKindLabel(b.kind), dateTime(b.dueAt, tz)]),
    numeric: [],
    empty: 'Nenhuma violação de SLA no período.',
  },
  {
    title: `Lotes que vencem nos próximos 90 dias (até ${dayBefore(report.expiringSoon.until, tz)})`,
    headers: ['Lote', 'Válido até', H],
    rows: report.expiringSoon.items.map((l) => [l.label, validity(l), hhmm(l.minutes)]),
    numeric: [2],
    empty: 'Nenhum lote com saldo vence nos próximos 90 dias.',
  },
];

const corrections = (doc: ReportDocument): ReportTable[] =>
  doc.corrections === null ? [] : [{
    title: 'Correções registradas após a emissão',
    headers: ['Registrado em', 'Fato', 'Efeito no relatório'],
    rows: doc.corrections.map((c) => [dateTime(c.recordedAt, doc.report.timeZone), correctionFactLabel(c), effectLabel(c.changes)]),
    numeric: [],
    empty: 'Nada foi registrado depois da emissão que mude este relatório.',
  }];

export const summaryTable = (report: MonthlyReport): ReportTable => ({
  title: 'Resumo do período',
  headers: ['Item', H],
  rows: summaryRows(report).map(([label, minutes]) => [label, hhmm(minutes)]),
  numeric: [1],
});

export const usageTable = (report: MonthlyReport): ReportTable => ({
  title: 'Horas consumidas por mês',
  headers: ['Mês', 'Consumidas', 'Franquia do plano'],
  rows: report.usageByPeriod.map((u) => [periodName(u.period), hhmm(u.minutes), hhmm(u.allowanceMinutes)]),
  numeric: [1, 2],
});

/** The sections after the summary, in reading order (the corrected edition opens with its corrections). */
export const reportTables = (doc: ReportDocument): ReportTable[] => [
  ...corrections(doc),
  ...balanceTables(doc.report, doc.report.timeZone),
  packageTable(doc.report, doc.report.timeZone),
  ...ticketTables(doc.report, doc.report.timeZone),
  overrunTable(doc.report, doc.report.timeZone),
  ...closingTables(doc.report, doc.report.timeZone),
  alertTable(doc.report, doc.report.timeZone),
];

/** The record a reader checks the document against: the log position and chain head, and how to verify. */
export const recordLines = (doc: ReportDocument): string[] => [
  `Conta ${doc.report.accountId}, período ${doc.report.period}.`,
  `Números calculados a partir do registro de eventos até a posição ${doc.log.position}${doc.log.events === null ? '' : ` (${doc.log.events} eventos)`}.`,
  doc.log.chainHead === null ? 'Cadeia de integridade: ainda não testemunhada nesta posição.' : `Cadeia de integridade (SHA-256): ${doc.log.chainHead}`,
  ...(doc.edition === 'preview' ? [] : ['Para conferir este arquivo com o registro: npm run cli -- verify-report <arquivo>']),
];
