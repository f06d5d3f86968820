import type { MonthlyReport } from './monthly-report.js';
import { type Issuer, type LogReference, REPORT_LAYOUT, type ReportDocument } from './report-document.js';
import type { ReportIssued } from './report-issue.js';
import { type ReportTimeline, correctionsSince } from './report-timeline.js';

export type IssuedReport = ReportIssued['data'];

/** The report as the log knew it at a position (reconciled by the caller's builder). */
export type KnownReport = (position: number) => MonthlyReport;

const issuedLog = (issue: IssuedReport): LogReference => ({
  position: issue.position, chainHead: issue.chain?.head ?? null, events: issue.chain?.events ?? null,
});

const frame = (issue: IssuedReport) => ({ issuedAt: issue.issuedAt, issuedBy: issue.issuedBy, log: issuedLog(issue) });

/** Not issued yet: the figures known now, with the issuer the configuration names today. */
export const previewEdition = (known: KnownReport, log: LogReference, issuer: Issuer): ReportDocument => ({
  layout: REPORT_LAYOUT, edition: 'preview', issuer, issue: null, log, corrections: null, report: known(log.position),
});

/** What was sent: everything in it comes from the issue and the log up to the issued position, so it regenerates exactly. */
export const issuedEdition = (known: KnownReport, issue: IssuedReport): ReportDocument => ({
  layout: REPORT_LAYOUT, edition: 'issued', issuer: issue.issuer, issue: frame(issue), log: issuedLog(issue), corrections: null,
  report: known(issue.position),
});

/** The issued period as the log tells it at `log.position`, with every fact recorded since the issue that changed it. */
export const correctedEdition = (known: KnownReport, timeline: ReportTimeline, issue: IssuedReport, log: LogReference): ReportDocument => ({
  layout: REPORT_LAYOUT, edition: 'corrected', issuer: issue.issuer, issue: frame(issue), log,
  corrections: correctionsSince(timeline, issue.position, log.position), report: known(log.position),
});
