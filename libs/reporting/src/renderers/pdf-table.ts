import type PDFDocument from 'pdfkit';
import { BOLD, FONT } from './pdf-fonts.js';
import type { ReportTable } from './report-tables.js';

type Doc = InstanceType<typeof PDFDocument>;

const CELL_PADDING = 3;
const FONT_SIZE = 8;
const MAX_NATURAL_WIDTH = 190;
const HEADER_FILL = '#e8eef4';
const RULE = '#b8c2cc';

const measure = (doc: Doc, text: string, font: string): number => doc.font(font).fontSize(FONT_SIZE).widthOfString(text);

/**
 * Each column gets at least its longest word; the room left goes to the columns whose text is wider than that, in
 * proportion to how much wider (capped), so short numbers stay narrow and titles get the space.
 */
const columnWidths = (doc: Doc, table: ReportTable, total: number): number[] => {
  const pad = 2 * CELL_PADDING + 1;
  const longestWord = (text: string, font: string) => Math.max(0, ...text.split(/\s+/).map((word) => measure(doc, word, font)));
  const minimum = table.headers.map((header, column) =>
    Math.max(longestWord(header, BOLD), ...table.rows.map((row) => Math.min(longestWord(row[column] ?? '', FONT), MAX_NATURAL_WIDTH / 2))) + pad);
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
export const ensureRoom = (doc: Doc, height: number, onNewPage: () => void = () => {}): void => {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return;
  doc.addPage();
  onNewPage();
};

interface RowOptions { readonly bold?: boolean; readonly numeric?: readonly number[]; readonly fill?: string; readonly onNewPage?: () => void }

const rowHeight = (doc: Doc, cells: readonly string[], widths: number[], bold = false): number => {
  doc.font(bold ? BOLD : FONT).fontSize(FONT_SIZE);
  return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
};

const drawRow = (doc: Doc, cells: readonly string[], widths: number[], options: RowOptions): void => {
  const font = options.bold ? BOLD : FONT;
  const height = rowHeight(doc, cells, widths, options.bold);
  ensureRoom(doc, height, options.onNewPage);
  doc.font(font).fontSize(FONT_SIZE);
  const top = doc.y;
  let x = doc.page.margins.left;
  cells.forEach((cell, i) => {
    if (options.fill) doc.rect(x, top, widths[i]!, height).fillColor(options.fill).fill();
    doc.rect(x, top, widths[i]!, height).lineWidth(0.4).strokeColor(RULE).stroke();
    const align = options.numeric?.includes(i) ? 'right' : 'left';
    doc.fillColor('#222222').text(cell, x + CELL_PADDING, top + CELL_PADDING, { width: widths[i]! - 2 * CELL_PADDING, align });
    x += widths[i]!;
  });
  doc.x = doc.page.margins.left;
  doc.y = top + height;
};

const TITLE_HEIGHT = 30;

/** A section title, on a new page when it would not fit with `following` points of what comes under it. */
export const sectionTitle = (doc: Doc, title: string, following = 18): void => {
  ensureRoom(doc, TITLE_HEIGHT + following);
  doc.moveDown(0.9).font(BOLD).fontSize(10.5).fillColor('#1f4e79').text(title, doc.page.margins.left, doc.y);
  doc.moveDown(0.25);
};

/** A section title and its table, breaking pages between rows and repeating the header row on a new page. */
export const drawTable = (doc: Doc, table: ReportTable): void => {
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  if (table.rows.length === 0) {
    sectionTitle(doc, table.title);
    doc.font(FONT).fontSize(FONT_SIZE).fillColor('#555555').text(table.empty ?? 'Nenhum registro no período.');
    return;
  }
  const widths = columnWidths(doc, table, width);
  // The title, the header row and the first row stay together: no header alone at the foot of a page.
  sectionTitle(doc, table.title, rowHeight(doc, table.headers, widths, true) + rowHeight(doc, table.rows[0]!, widths));
  const header = () => drawRow(doc, table.headers, widths, { bold: true, fill: HEADER_FILL });
  header();
  for (const row of table.rows) drawRow(doc, row, widths, { numeric: table.numeric, onNewPage: header });
};
