import type { MonthlyReport } from '../domain/monthly-report.js';
import { REPORT_TITLE, headerLines, reportTables } from './report-tables.js';

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

/**
 * One CSV file for spreadsheets set to Portuguese: `;` between fields, CRLF lines, UTF-8 with a BOM
 * (so Excel reads the accents), one section after another: a title line, a header line, the rows, a blank line.
 */
export function renderCsv(report: MonthlyReport): Buffer {
  const lines = [line([REPORT_TITLE]), ...headerLines(report).map(([label, value]) => line([label, value])), ''];
  for (const table of reportTables(report)) {
    lines.push(line([table.title]), line(table.headers), ...table.rows.map(line), '');
  }
  return Buffer.from(BOM + lines.join(LINE_END), 'utf8');
}
