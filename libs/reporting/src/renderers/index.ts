export * from './format.js';
export * from './report-tables.js';
export { renderCsv } from './render-csv.js';
export { renderHtml } from './render-html.js';
export { renderPdf, CHART_TITLE } from './render-pdf.js';
export * from './render-report.js';
