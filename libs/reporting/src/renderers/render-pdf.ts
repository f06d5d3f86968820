import PDFDocument from 'pdfkit';
import { Temporal } from 'temporal-polyfill';
import type { MonthlyReport } from '../domain/monthly-report.js';
import { hhmm, periodName, periodShort } from './format.js';
import { BOLD, FONT, drawTable } from './pdf-table.js';
import { REPORT_TITLE, headerLines, reportTables } from './report-tables.js';

type Doc = InstanceType<typeof PDFDocument>;

export const CHART_TITLE = 'Horas consumidas por mês (últimos 12 meses)';

const drawHeader = (doc: Doc, report: MonthlyReport): void => {
  doc.font(BOLD).fontSize(16).fillColor('#000000').text(REPORT_TITLE);
  doc.moveDown(0.4);
  for (const [label, value] of headerLines(report)) {
    doc.font(BOLD).fontSize(9).text(`${label}: `, { continued: true }).font(FONT).text(value);
  }
};

/** Bars of minutes per period, scaled to the busiest month, labelled in h:mm. */
const drawChart = (doc: Doc, report: MonthlyReport): void => {
  doc.addPage();
  doc.font(BOLD).fontSize(12).fillColor('#000000').text(CHART_TITLE);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const top = doc.y + 30;
  const height = 220;
  const usage = report.usageByPeriod;
  const max = Math.max(1, ...usage.map((u) => u.minutes));
  const slot = width / usage.length;
  doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.8).strokeColor('#444444').stroke();
  usage.forEach((u, i) => {
    const barHeight = (u.minutes * height) / max;
    const x = left + i * slot + slot * 0.15;
    if (barHeight > 0) doc.rect(x, top + height - barHeight, slot * 0.7, barHeight).fillColor('#3b6ea8').fill();
    doc.font(FONT).fontSize(7).fillColor('#222222');
    doc.text(hhmm(u.minutes), left + i * slot, top + height - barHeight - 10, { width: slot, align: 'center' });
    doc.text(periodShort(u.period), left + i * slot, top + height + 4, { width: slot, align: 'center' });
  });
  doc.font(FONT).fontSize(8).text('Horas em h:mm; inclui minutos não cobertos pelo saldo.', left, top + height + 24);
};

/** Fixed from the period, so regenerating gives the same bytes (pdfkit derives the file id from the info too). */
const documentDate = (report: MonthlyReport): Date => new Date(Temporal.Instant.from(report.periodEnd).epochMilliseconds);

/** A real PDF with the report's sections and a chart page; the standard Helvetica fonts, WinAnsi text. */
export function renderPdf(report: MonthlyReport): Promise<Buffer> {
  const fixed = documentDate(report);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 40,
    compress: true,
    info: {
      Title: `${REPORT_TITLE}: ${report.clientName}, ${periodName(report.period)}`,
      Author: 'Hour Bank',
      Subject: `${report.accountId} ${report.period}`,
      CreationDate: fixed,
      ModDate: fixed,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawHeader(doc, report);
  for (const table of reportTables(report)) drawTable(doc, table);
  drawChart(doc, report);
  doc.end();
  return done;
}
