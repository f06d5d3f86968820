export * from './format.js';
export * from './report-tables.js';
export { renderCsv, renderSummaryCsv, neutraliseFormula } from './render-csv.js';
export { renderHtml } from './render-html.js';
export { renderPdf, CHART_TITLE } from './render-pdf.js';
export { movementsOf } from './movements.js';
export * from './render-report.js';
