export * from './monthly-report.js';
export type { ReportEvent } from './report-facts.js';
export { buildMonthlyReport, assertReportPeriod, periodBounds, EXPIRING_SOON_DAYS, USAGE_HISTORY_PERIODS, type MonthlyReportInput } from './build-monthly-report.js';
export * from './report-diff.js';
export * from './report-issue.js';
