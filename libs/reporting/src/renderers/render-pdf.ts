import PDFDocument from 'pdfkit';
import { Temporal } from 'temporal-polyfill';
import type { ReportDocument } from '../domain/report-document.js';
import type { MonthlyReport } from '../domain/monthly-report.js';
import { CHART_TITLE, chartGeometry } from './chart.js';
import { hhmm, periodName } from './format.js';
import { editionLabel, invoiceLine } from './labels.js';
import { BOLD, FONT, registerFonts } from './pdf-fonts.js';
import { MARGINS, drawPageFrames } from './pdf-page.js';
import { drawTable, sectionTitle } from './pdf-table.js';
import { REPORT_TITLE, headerLines, planLabel, recordLines, reportTables, summaryTable, usageTable } from './report-tables.js';

type Doc = InstanceType<typeof PDFDocument>;

export { CHART_TITLE };

const contentWidth = (doc: Doc) => doc.page.width - MARGINS.left - MARGINS.right;

const drawTitle = (doc: Doc, document: ReportDocument): void => {
  doc.font(BOLD).fontSize(17).fillColor('#111111').text(REPORT_TITLE, MARGINS.left, MARGINS.top);
  doc.moveDown(0.3);
  for (const [label, value] of headerLines(document.report)) {
    doc.font(BOLD).fontSize(9).fillColor('#222222').text(`${label}: `, { continued: true }).font(FONT).text(value);
  }
  doc.moveDown(0.5);
  const colour = document.edition === 'issued' ? '#f2f6fa' : '#fff8dc';
  const top = doc.y;
  const text = editionLabel(document);
  const height = doc.font(FONT).fontSize(8.5).heightOfString(text, { width: contentWidth(doc) - 12 }) + 8;
  doc.rect(MARGINS.left, top, contentWidth(doc), height).fillColor(colour).fill();
  doc.fillColor('#333333').text(text, MARGINS.left + 6, top + 4, { width: contentWidth(doc) - 12 });
  doc.x = MARGINS.left;
  doc.y = top + height + 4;
};

/** Five figures a client looks for first, in boxes: what the period began with, got, used, lost and ended with. */
const drawCards = (doc: Doc, report: MonthlyReport): void => {
  const cards: [string, number][] = [
    ['Saldo inicial', report.openingBalance], ['Creditadas', report.credits.totalMinutes],
    ['Consumidas', report.tickets.coveredMinutes + report.tickets.shortfallMinutes], ['Expiradas', report.expirations.totalMinutes],
    ['Saldo final', report.closingBalance],
  ];
  const gap = 8;
  const width = (contentWidth(doc) - gap * (cards.length - 1)) / cards.length;
  const top = doc.y + 6;
  cards.forEach(([label, minutes], i) => {
    const x = MARGINS.left + i * (width + gap);
    doc.roundedRect(x, top, width, 46, 4).lineWidth(0.8).strokeColor('#1f4e79').stroke();
    doc.font(FONT).fontSize(7.5).fillColor('#555555').text(label, x, top + 7, { width, align: 'center' });
    doc.font(BOLD).fontSize(15).fillColor('#111111').text(`${hhmm(minutes)} h`, x, top + 19, { width, align: 'center' });
  });
  doc.x = MARGINS.left;
  doc.y = top + 56;
  doc.font(BOLD).fontSize(9).fillColor(report.overage.status === 'none' ? '#222222' : '#8a1c1c').text(invoiceLine(report), MARGINS.left, doc.y, { width: contentWidth(doc) });
};

const CHART_HEIGHT = 150;

/** Bars of hours used per month of the contract (at most the last 12), with the plan's allowance as a red line. */
const drawChart = (doc: Doc, report: MonthlyReport): void => {
  sectionTitle(doc, CHART_TITLE, CHART_HEIGHT + 50);
  const left = MARGINS.left + 34;
  const width = contentWidth(doc) - 34;
  const top = doc.y + 12;
  const g = chartGeometry(report, width, CHART_HEIGHT);
  doc.font(FONT).fontSize(6.5);
  for (const tick of g.ticks) {
    doc.moveTo(left, top + tick.y).lineTo(left + width, top + tick.y).lineWidth(0.3).strokeColor('#dddddd').stroke();
    doc.fillColor('#555555').text(tick.label, MARGINS.left, top + tick.y - 3, { width: 30, align: 'right', lineBreak: false });
  }
  for (const bar of g.bars) {
    if (bar.height > 0) doc.rect(left + bar.x, top + bar.y, bar.width, bar.height).fillColor('#3b6ea8').fill();
    if (bar.height > 0) doc.fillColor('#222222').text(bar.value, left + bar.x - 10, top + bar.y - 9, { width: bar.width + 20, align: 'center', lineBreak: false });
    doc.fillColor('#222222').text(bar.label, left + bar.x - 10, top + CHART_HEIGHT + 4, { width: bar.width + 20, align: 'center', lineBreak: false });
  }
  const [first, ...rest] = g.allowance;
  if (first) {
    doc.moveTo(left + first[0], top + first[1]);
    for (const [x, y] of rest) doc.lineTo(left + x, top + y);
    doc.lineWidth(1.6).strokeColor('#c0392b').stroke();
  }
  const legendY = top + CHART_HEIGHT + 18;
  doc.rect(left, legendY + 1, 8, 6).fillColor('#3b6ea8').fill();
  doc.fillColor('#333333').fontSize(7).text('horas consumidas (cobertas e excedentes)', left + 12, legendY, { lineBreak: false });
  doc.moveTo(left + 200, legendY + 4).lineTo(left + 216, legendY + 4).lineWidth(1.6).strokeColor('#c0392b').stroke();
  doc.fillColor('#333333').text(report.plan ? `franquia do plano (${planLabel(report)})` : 'sem franquia mensal (pacote único)', left + 220, legendY, { lineBreak: false });
  doc.x = MARGINS.left;
  doc.y = legendY + 14;
};

const drawRecord = (doc: Doc, document: ReportDocument): void => {
  sectionTitle(doc, 'Registro');
  doc.font(FONT).fontSize(7.5).fillColor('#333333');
  for (const line of recordLines(document)) doc.text(line, MARGINS.left, doc.y, { width: contentWidth(doc) });
};

/** Fixed from the period, so regenerating gives the same bytes (pdfkit derives the file id from the info too). */
const documentDate = (report: MonthlyReport): Date => new Date(Temporal.Instant.from(report.periodEnd).epochMilliseconds);

/** An A4 PDF with embedded fonts: issuer and page frame on every page, summary, tables, chart and the record. */
export function renderPdf(document: ReportDocument): Promise<Buffer> {
  const { report } = document;
  const fixed = documentDate(report);
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    compress: true,
    bufferPages: true,
    lang: 'pt-BR',
    displayTitle: true,
    info: {
      Title: `${REPORT_TITLE}: ${report.clientName}, ${periodName(report.period)}`,
      Author: document.issuer.name,
      Subject: `hourbank-report ${report.accountId} ${report.period} ${document.edition} position ${document.log.position}`,
      CreationDate: fixed,
      ModDate: fixed,
    },
  });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawTitle(doc, document);
  drawCards(doc, report);
  drawTable(doc, summaryTable(report));
  for (const table of reportTables(document)) drawTable(doc, table);
  drawChart(doc, report);
  drawTable(doc, usageTable(report));
  drawRecord(doc, document);
  drawPageFrames(doc, document);
  doc.end();
  return done;
}
