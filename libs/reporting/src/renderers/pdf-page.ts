import type PDFDocument from 'pdfkit';
import type { ReportDocument } from '../domain/report-document.js';
import { periodName } from './format.js';
import { editionLabel } from './labels.js';
import { BOLD, FONT } from './pdf-fonts.js';
import { REPORT_TITLE } from './report-tables.js';

type Doc = InstanceType<typeof PDFDocument>;

export const MARGINS = { top: 78, bottom: 56, left: 42, right: 42 };

/** The issuer on the left, the report and client on the right, a rule under them: the top of every page. */
const drawHeader = (doc: Doc, document: ReportDocument): void => {
  const { left, right } = MARGINS;
  const width = doc.page.width - left - right;
  doc.font(BOLD).fontSize(11).fillColor('#1f4e79').text(document.issuer.name, left, 28, { width: width / 2, lineBreak: false });
  const details = [document.issuer.document, document.issuer.contact].filter(Boolean).join(' · ');
  if (details) doc.font(FONT).fontSize(7.5).fillColor('#555555').text(details, left, 43, { width: width / 2, lineBreak: false });
  doc.font(BOLD).fontSize(8.5).fillColor('#222222').text(REPORT_TITLE, left + width / 2, 28, { width: width / 2, align: 'right', lineBreak: false });
  const subject = `${document.report.clientName} · ${periodName(document.report.period)}`;
  doc.font(FONT).fontSize(8).fillColor('#444444').text(subject, left + width / 2, 41, { width: width / 2, align: 'right', lineBreak: false });
  doc.moveTo(left, 58).lineTo(left + width, 58).lineWidth(1.2).strokeColor('#1f4e79').stroke();
};

/** The edition and the page number: the bottom of every page. */
const drawFooter = (doc: Doc, document: ReportDocument, page: number, pages: number): void => {
  const { left, right } = MARGINS;
  const width = doc.page.width - left - right;
  const y = doc.page.height - 38;
  doc.moveTo(left, y - 6).lineTo(left + width, y - 6).lineWidth(0.5).strokeColor('#999999').stroke();
  doc.font(FONT).fontSize(7).fillColor('#444444').text(editionLabel(document), left, y, { width: width - 70, lineBreak: false, ellipsis: true });
  doc.font(BOLD).fontSize(7.5).fillColor('#222222').text(`Página ${page} de ${pages}`, left + width - 70, y, { width: 70, align: 'right', lineBreak: false });
};

/** Once every page is laid out (pages are buffered): headers, footers and "Página n de N" on each. */
export const drawPageFrames = (doc: Doc, document: ReportDocument): void => {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    drawHeader(doc, document);
    drawFooter(doc, document, i - start + 1, count);
    doc.page.margins.bottom = bottom;
  }
};
