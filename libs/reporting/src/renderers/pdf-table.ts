import type PDFDocument from 'pdfkit';
import type { ReportTable } from './report-tables.js';

type Doc = InstanceType<typeof PDFDocument>;

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
const CELL_PADDING = 2;
const FONT_SIZE = 7.5;

/** Column widths in proportion to the longest text of each column (at least its header's first word). */
const columnWidths = (table: ReportTable, total: number): number[] => {
  const weights = table.headers.map((header, column) => {
    const longest = Math.max(header.split(' ')[0]!.length, ...table.rows.map((row) => (row[column] ?? '').length));
    return Math.min(Math.max(longest, 4), 40);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => (weight * total) / sum);
};

const ensureRoom = (doc: Doc, height: number): void => {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
};

const drawRow = (doc: Doc, cells: readonly string[], widths: number[], options: { bold?: boolean; numeric?: readonly number[] }): void => {
  doc.font(options.bold ? BOLD : FONT).fontSize(FONT_SIZE);
  const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * CELL_PADDING }));
  const height = Math.max(...heights) + 2 * CELL_PADDING;
  ensureRoom(doc, height);
  const top = doc.y;
  let x = doc.page.margins.left;
  cells.forEach((cell, i) => {
    doc.rect(x, top, widths[i]!, height).lineWidth(0.4).strokeColor('#999999').stroke();
    const align = options.numeric?.includes(i) ? 'right' : 'left';
    doc.fillColor('#222222').text(cell, x + CELL_PADDING, top + CELL_PADDING, { width: widths[i]! - 2 * CELL_PADDING, align });
    x += widths[i]!;
  });
  doc.x = doc.page.margins.left;
  doc.y = top + height;
};

/** A section title and its table, breaking pages between rows. */
export const drawTable = (doc: Doc, table: ReportTable): void => {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  ensureRoom(doc, 40);
  doc.moveDown(0.8).font(BOLD).fontSize(10).fillColor('#000000').text(table.title, doc.page.margins.left, doc.y);
  doc.moveDown(0.3);
  if (table.rows.length === 0) {
    doc.font(FONT).fontSize(FONT_SIZE).fillColor('#555555').text('Nenhum registro no período.');
    return;
  }
  const widths = columnWidths(table, width);
  drawRow(doc, table.headers, widths, { bold: true });
  for (const row of table.rows) drawRow(doc, row, widths, { numeric: table.numeric });
};
