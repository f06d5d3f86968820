import type PDFDocument from 'pdfkit';
import type { ReportTable } from './report-tables.js';

type Doc = InstanceType<typeof PDFDocument>;

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
const CELL_PADDING = 2;
const FONT_SIZE = 7.5;

const MAX_NATURAL_WIDTH = 170;

const measure = (doc: Doc, text: string, font: string): number => doc.font(font).fontSize(FONT_SIZE).widthOfString(text);

/**
 * Each column gets at least its longest header word; the room left goes to the columns whose text is
 * wider than that, in proportion to how much wider (capped), so short numbers stay narrow.
 */
const columnWidths = (doc: Doc, table: ReportTable, total: number): number[] => {
  const pad = 2 * CELL_PADDING + 1;
  const minimum = table.headers.map((header) => Math.max(...header.split(' ').map((word) => measure(doc, word, BOLD))) + pad);
  const natural = table.headers.map((header, column) => {
    const widest = Math.max(measure(doc, header, BOLD), ...table.rows.map((row) => measure(doc, row[column] ?? '', FONT)));
    return Math.max(minimum[column]!, Math.min(widest, MAX_NATURAL_WIDTH) + pad);
  });
  const naturalSum = natural.reduce((a, b) => a + b, 0);
  if (naturalSum <= total) return natural.map((width) => (width * total) / naturalSum);
  const spare = total - minimum.reduce((a, b) => a + b, 0);
  const extra = natural.map((width, i) => width - minimum[i]!);
  const extraSum = extra.reduce((a, b) => a + b, 0) || 1;
  return minimum.map((width, i) => width + (Math.max(spare, 0) * extra[i]!) / extraSum);
};

/** Starts a new page when `height` does not fit; `onNewPage` draws what a continued table repeats. */
const ensureRoom = (doc: Doc, height: number, onNewPage: () => void = () => {}): void => {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return;
  doc.addPage();
  onNewPage();
};

interface RowOptions { readonly bold?: boolean; readonly numeric?: readonly number[]; readonly onNewPage?: () => void }

const drawRow = (doc: Doc, cells: readonly string[], widths: number[], options: RowOptions): void => {
  doc.font(options.bold ? BOLD : FONT).fontSize(FONT_SIZE);
  const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * CELL_PADDING }));
  const height = Math.max(...heights) + 2 * CELL_PADDING;
  ensureRoom(doc, height, options.onNewPage);
  doc.font(options.bold ? BOLD : FONT).fontSize(FONT_SIZE);
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
  const widths = columnWidths(doc, table, width);
  const header = () => drawRow(doc, table.headers, widths, { bold: true });
  header();
  for (const row of table.rows) drawRow(doc, row, widths, { numeric: table.numeric, onNewPage: header });
};
