import { createHash } from 'node:crypto';
import { canonicalJson } from '#kernel';
import type { ReportDocument } from '../domain/report-document.js';
import { type ReportFormat, type ReportHashes, reportFormats } from '../domain/report-issue.js';
import { renderCsv, renderSummaryCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';

export const reportMediaTypes: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv',
  'csv-summary': 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
};

/** The Content-Type header of each format (text formats are UTF-8). */
export const reportContentTypes: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  'csv-summary': 'text/csv; charset=utf-8; header=present',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

/** The report's figures at the top level, as before; the document's frame (edition, issue, log) under `document`. */
export const renderJson = (doc: ReportDocument): Buffer => {
  const { report, ...frame } = doc;
  return Buffer.from(`${JSON.stringify({ ...report, document: frame }, null, 2)}\n`, 'utf8');
};

export async function renderReport(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json': return renderJson(doc);
    case 'csv': return renderCsv(doc);
    case 'csv-summary': return renderSummaryCsv(doc);
    case 'html': return renderHtml(doc);
    case 'pdf': return renderPdf(doc);
  }
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** The hash of the figures alone (canonical JSON): the same figures give it whatever the document around them. */
export const contentHashOf = (doc: Pick<ReportDocument, 'report'>): string => sha256(canonicalJson(doc.report));

/** The content hash and the hash of every format's bytes, as recorded when a report is issued. */
export async function hashReport(doc: ReportDocument): Promise<ReportHashes & { readonly formatHashes: Readonly<Record<ReportFormat, string>> }> {
  const entries = await Promise.all(reportFormats.map(async (format) => [format, sha256(await renderReport(doc, format))] as const));
  return { contentHash: contentHashOf(doc), formatHashes: Object.fromEntries(entries) as Record<ReportFormat, string> };
}
