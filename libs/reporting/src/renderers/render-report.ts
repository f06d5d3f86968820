import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/report-diff.js';
import { type ReportFormat, type ReportHashes, reportFormats } from '../domain/report-issue.js';
import type { MonthlyReport } from '../domain/monthly-report.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderPdf } from './render-pdf.js';

export const reportMediaTypes: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json',
  csv: 'text/csv',
  html: 'text/html',
  pdf: 'application/pdf',
};

/** The Content-Type header of each format (text formats are UTF-8). */
export const reportContentTypes: Readonly<Record<ReportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
};

export const renderJson = (report: MonthlyReport): Buffer => Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');

export async function renderReport(report: MonthlyReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json': return renderJson(report);
    case 'csv': return renderCsv(report);
    case 'html': return renderHtml(report);
    case 'pdf': return renderPdf(report);
  }
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** The content hash (canonical JSON) and the hash of every format's bytes, as recorded when a report is issued. */
export async function hashReport(report: MonthlyReport): Promise<ReportHashes> {
  const entries = await Promise.all(reportFormats.map(async (format) => [format, sha256(await renderReport(report, format))] as const));
  return {
    contentHash: sha256(canonicalJson(report)),
    formatHashes: Object.fromEntries(entries) as Record<ReportFormat, string>,
  };
}
