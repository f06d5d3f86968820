import { type ReportFormat, reportFormats } from '../domain/report-issue.js';

const mediaTypes: readonly [string, ReportFormat][] = [
  ['application/json', 'json'], ['text/csv', 'csv'], ['text/html', 'html'], ['application/pdf', 'pdf'],
];

interface MediaRange { readonly type: string; readonly q: number; readonly order: number }

const parseAccept = (accept: string): MediaRange[] =>
  accept.split(',').map((part, order) => {
    const [type = '', ...params] = part.trim().toLowerCase().split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    return { type, q: q ? Number(q.slice(2)) : 1, order };
  }).filter((range) => range.type !== '' && Number.isFinite(range.q) && range.q > 0);

const matches = (range: string, media: string): boolean =>
  range === '*/*' || range === media || (range.endsWith('/*') && media.startsWith(range.slice(0, -1)));

/**
 * `?format=` wins; otherwise the Accept header's most preferred type we produce (ties: the order the
 * client wrote, wildcards after exact types, JSON first among what a wildcard allows). undefined: 406.
 */
export function negotiateFormat(accept: string | undefined, format: string | undefined): ReportFormat | undefined {
  if (format !== undefined) return (reportFormats as readonly string[]).includes(format) ? (format as ReportFormat) : undefined;
  if (!accept || accept.trim() === '') return 'json';
  const ranges = parseAccept(accept).sort((a, b) => b.q - a.q || Number(a.type.includes('*')) - Number(b.type.includes('*')) || a.order - b.order);
  for (const range of ranges) {
    const found = mediaTypes.find(([media]) => matches(range.type, media));
    if (found) return found[1];
  }
  return undefined;
}
