import type { MonthlyReport } from '../domain/monthly-report.js';
import { hhmm, periodName, periodShort } from './format.js';
import { REPORT_TITLE, type ReportTable, headerLines, reportTables } from './report-tables.js';

const escape = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const STYLE = `
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #222; margin: 0 auto; max-width: 190mm; }
  h1 { font-size: 16pt; margin: 0 0 4mm; } h2 { font-size: 11.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
  dl { display: grid; grid-template-columns: 32mm auto; gap: 1mm 4mm; margin: 0; } dt { font-weight: bold; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; page-break-inside: auto; } tr { page-break-inside: avoid; }
  th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
  th { background: #eee; } td.n { text-align: right; white-space: nowrap; } p.vazio { color: #666; font-style: italic; }
  .chart { display: flex; align-items: flex-end; gap: 2mm; height: 40mm; border-bottom: 1px solid #444; }
  .bar { flex: 1; display: flex; flex-direction: column; justify-content: flex-end; align-items: center; height: 100%; }
  .bar span.fill { width: 70%; background: #3b6ea8; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .bar small { font-size: 7pt; } .axis { display: flex; gap: 2mm; } .axis span { flex: 1; text-align: center; font-size: 7pt; }
  @media print { h2 { page-break-after: avoid; } }
`;

const table = (section: ReportTable): string => {
  const heading = `<h2>${escape(section.title)}</h2>`;
  if (section.rows.length === 0) return `${heading}\n<p class="vazio">Nenhum registro no período.</p>`;
  const cell = (value: string, index: number) => `<td${section.numeric.includes(index) ? ' class="n"' : ''}>${escape(value)}</td>`;
  const head = `<tr>${section.headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
  const body = section.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n');
  return `${heading}\n<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
};

/** Bar heights in whole percent of the busiest month, computed in integers. */
const chart = (report: MonthlyReport): string => {
  const max = Math.max(1, ...report.usageByPeriod.map((u) => u.minutes));
  const bars = report.usageByPeriod
    .map((u) => `<div class="bar"><small>${hhmm(u.minutes)}</small><span class="fill" style="height:${Math.round((u.minutes * 100) / max)}%"></span></div>`)
    .join('');
  const axis = report.usageByPeriod.map((u) => `<span>${periodShort(u.period)}</span>`).join('');
  return `<h2>Gráfico: horas consumidas por mês</h2>\n<div class="chart">${bars}</div>\n<div class="axis">${axis}</div>`;
};

/** A printable page in Brazilian Portuguese: A4 print CSS, tables, h:mm, R$ written by hand. */
export function renderHtml(report: MonthlyReport): Buffer {
  const header = headerLines(report).map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('');
  const html = `<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>${escape(`${REPORT_TITLE}: ${report.clientName}, ${periodName(report.period)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escape(REPORT_TITLE)}</h1>
<dl>${header}</dl>
${reportTables(report).map(table).join('\n')}
${chart(report)}
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}
