import type { ReportDocument } from '../domain/report-document.js';
import { periodName } from './format.js';
import { CHART_TITLE, chartGeometry } from './chart.js';
import { editionLabel, invoiceLine } from './labels.js';
import { REPORT_TITLE, type ReportTable, headerLines, recordLines, reportTables, summaryTable, usageTable } from './report-tables.js';

const escape = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const STYLE = `
  @page { size: A4; margin: 16mm 14mm 18mm; @bottom-right { content: "Página " counter(page) " de " counter(pages); font-size: 8pt; } }
  body { font-family: "Noto Sans", Helvetica, Arial, sans-serif; font-size: 9.5pt; color: #222; margin: 0 auto; max-width: 190mm; }
  header.issuer { display: flex; justify-content: space-between; border-bottom: 2px solid #1f4e79; padding-bottom: 2mm; margin-bottom: 4mm; }
  header.issuer strong { font-size: 11pt; color: #1f4e79; } header.issuer small { display: block; color: #555; }
  p.edition { border: 1px solid #c9a227; background: #fff8dc; padding: 1.5mm 3mm; } p.edition.issued { border-color: #9ab; background: #f2f6fa; }
  h1 { font-size: 16pt; margin: 0 0 3mm; } h2 { font-size: 11pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
  dl { display: grid; grid-template-columns: 22mm auto; gap: 1mm 4mm; margin: 0 0 3mm; } dt { font-weight: bold; } dd { margin: 0; }
  table { width: 100%; border-collapse: collapse; page-break-inside: auto; } tr { page-break-inside: avoid; }
  th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
  th { background: #e8eef4; } td.n { text-align: right; white-space: nowrap; } p.vazio { color: #666; font-style: italic; }
  p.invoice { font-weight: bold; } section.record { margin-top: 6mm; font-size: 8pt; color: #444; word-break: break-all; }
  svg text { font-family: inherit; font-size: 7px; fill: #333; }
  @media print { h2 { page-break-after: avoid; } }
`;

const table = (section: ReportTable): string => {
  const heading = `<h2>${escape(section.title)}</h2>`;
  if (section.rows.length === 0) return `${heading}\n<p class="vazio">${escape(section.empty ?? 'Nenhum registro no período.')}</p>`;
  const cell = (value: string, index: number) => `<td${section.numeric.includes(index) ? ' class="n"' : ''}>${escape(value)}</td>`;
  const head = `<tr>${section.headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr>`;
  const body = section.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('\n');
  return `${heading}\n<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
};

const WIDTH = 600;
const HEIGHT = 160;

/** Bars of hours used per month of the contract and the plan's allowance as a line, as inline SVG. */
const chart = (doc: ReportDocument): string => {
  const g = chartGeometry(doc.report, WIDTH, HEIGHT);
  const grid = g.ticks.map((t) => `<line x1="30" x2="${WIDTH + 30}" y1="${t.y + 10}" y2="${t.y + 10}" stroke="#ddd"/><text x="0" y="${t.y + 12}">${t.label}</text>`).join('');
  const bars = g.bars.map((b) => `<rect x="${b.x + 30}" y="${b.y + 10}" width="${b.width}" height="${b.height}" fill="#3b6ea8"/>`
    + `<text x="${b.x + 30 + b.width / 2}" y="${b.y + 7}" text-anchor="middle">${b.value}</text>`
    + `<text x="${b.x + 30 + b.width / 2}" y="${HEIGHT + 22}" text-anchor="middle">${b.label}</text>`).join('');
  const line = `<polyline fill="none" stroke="#c0392b" stroke-width="2" points="${g.allowance.map(([x, y]) => `${x + 30},${y + 10}`).join(' ')}"/>`;
  const legend = `<text x="30" y="${HEIGHT + 36}">■ horas consumidas   — franquia do plano</text>`;
  return `<h2>${escape(CHART_TITLE)}</h2>\n<svg viewBox="0 0 ${WIDTH + 40} ${HEIGHT + 40}" width="100%" role="img" aria-label="${escape(CHART_TITLE)}">${grid}${bars}${line}${legend}</svg>`;
};

const issuerBlock = (doc: ReportDocument): string => {
  const details = [doc.issuer.document, doc.issuer.contact].filter(Boolean).map((d) => `<small>${escape(d!)}</small>`).join('');
  return `<header class="issuer"><div><strong>${escape(doc.issuer.name)}</strong>${details}</div><div>${escape(REPORT_TITLE)}</div></header>`;
};

/** A printable page in Brazilian Portuguese: issuer, edition, summary, tables, chart, and the record to verify it by. */
export function renderHtml(doc: ReportDocument): Buffer {
  const { report } = doc;
  const header = headerLines(report).map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`).join('');
  const html = `<!DOCTYPE html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<title>${escape(`${REPORT_TITLE}: ${report.clientName}, ${periodName(report.period)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${issuerBlock(doc)}
<h1>${escape(REPORT_TITLE)}</h1>
<dl>${header}</dl>
<p class="edition${doc.edition === 'issued' ? ' issued' : ''}">${escape(editionLabel(doc))}</p>
${table(summaryTable(report))}
<p class="invoice">${escape(invoiceLine(report))}</p>
${reportTables(doc).map(table).join('\n')}
${chart(doc)}
${table(usageTable(report))}
<section class="record"><h2>Registro</h2>${recordLines(doc).map((l) => `<p>${escape(l)}</p>`).join('')}</section>
</body>
</html>
`;
  return Buffer.from(html, 'utf8');
}
