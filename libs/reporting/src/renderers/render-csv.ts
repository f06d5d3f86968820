import type { ReportDocument } from '../domain/report-document.js';
import { brl, hhmm, periodName } from './format.js';
import { editionLabel, overageStatusLabel, slaKindLabel, summaryRows } from './labels.js';
import { MOVEMENT_HEADERS, movementRows } from './movements.js';
import { periodDays, planLabel } from './report-tables.js';
import { packageSalesLine } from './service-tables.js';

const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

/** What a spreadsheet reads as the start of a formula (OWASP "CSV injection"): = + - @, a tab or a carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A signed number (digits with . , or : between them) is data, and stays a number. */
const SIGNED_NUMBER = /^[+-]\d+([.,:]\d+)*$/;

/** Text the user typed (a ticket title, a reason) never runs: a cell that would start a formula gets a leading quote. */
export const neutraliseFormula = (value: string): string => (FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value);

const quote = (value: string): string => (/[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const field = (value: string): string => quote(neutraliseFormula(value));
const line = (values: readonly string[]): string => values.map(field).join(SEPARATOR);

/** For spreadsheets set to Portuguese: `;` between fields, CRLF lines, UTF-8 with a BOM (so Excel reads the accents). */
const csvFile = (rows: readonly (readonly string[])[]): Buffer => Buffer.from(BOM + rows.map(line).join(LINE_END) + LINE_END, 'utf8');

/**
 * The period's movements as ONE flat table with a header row: a row per credit, per lot a debit or a negative
 * adjustment drew from, per shortfall and per expiry, with the running balance. It filters and pivots as it is.
 */
export function renderCsv(doc: ReportDocument): Buffer {
  return csvFile([MOVEMENT_HEADERS, ...movementRows(doc.report)]);
}

/** The summary beside the movements, as its own file: one item per row, its value in words and in minutes. */
export function renderSummaryCsv(doc: ReportDocument): Buffer {
  const { report } = doc;
  const text = (item: string, value: string): string[] => [item, value, ''];
  const minutes = (item: string, value: number): string[] => [item.trim(), hhmm(value), String(value)];
  return csvFile([
    ['Item', 'Valor', 'Minutos'],
    text('Cliente', report.clientName),
    text('Período', `${periodName(report.period)} (${periodDays(report)})`),
    text('Plano', planLabel(report)),
    text('Emissor', doc.issuer.name),
    text('Edição', editionLabel(doc)),
    ...summaryRows(report).map(([label, value]) => minutes(label, value)),
    minutes('Excedente do período', report.overage.shortfallMinutes),
    text('Valor da hora excedente', brl(report.overage.rateCentsPerHour)),
    text('Valor da fatura de excedente', brl(report.overage.amountCents)),
    text('Situação da fatura', overageStatusLabel(report)),
    ...(['firstResponse', 'deliveryPromise'] as const).flatMap((kind) => [
      text(`SLA ${slaKindLabel(kind).toLowerCase()}: cumpridos`, String(report.sla[kind].met)),
      text(`SLA ${slaKindLabel(kind).toLowerCase()}: violados`, String(report.sla[kind].breached)),
    ]),
    text('Pacotes comprados no período', packageSalesLine(report)),
    text('Receita de pacotes do período', brl(report.packageSales.revenueCents)),
    text('Pedidos de horas além da estimativa', String(report.overruns.items.length)),
    minutes('Horas adicionais aprovadas', report.overruns.approvedMinutes),
    text('Alertas emitidos no período', String(report.alerts.items.length)),
    text('Chamados com débito pendente', String(report.tickets.items.filter((t) => t.debit === null).length)),
    minutes('Horas que vencem nos próximos 90 dias', report.expiringSoon.totalMinutes),
    text('Posição no registro de eventos', String(doc.log.position)),
    text('Cadeia de integridade (SHA-256)', doc.log.chainHead ?? 'ainda não testemunhada'),
  ]);
}
