export * from './monthly-report.js';
export type { ReportEvent } from './report-facts.js';
export { buildMonthlyReport, assertReportPeriod, periodBounds, EXPIRING_SOON_DAYS, USAGE_HISTORY_PERIODS, type MonthlyReportInput } from './build-monthly-report.js';
export { validThrough } from './lot-labels.js';
export * from './report-diff.js';
export * from './report-issue.js';
export * from './report-document.js';
export * from './report-timeline.js';
export * from './report-editions.js';
