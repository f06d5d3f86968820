import { createHash } from 'node:crypto';
import type { IdempotencyScope } from './idempotency-store.js';

const canonical = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
};

/** Same method, path and JSON body (whatever its key order) → same hash. */
export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method.toUpperCase()}\n${path}\n${JSON.stringify(canonical(body ?? null))}`)
    .digest('hex');

/**
 * The command id for a keyed request: a UUID-shaped digest of the key's scope (subject, role, route, key), so two
 * scopes using the same key never share event ids, and a retry of one scope's request derives the same ones.
 */
export function commandIdFromIdempotencyKey(scope: IdempotencyScope): string {
  const material = [scope.subject, scope.role, scope.route, scope.key].join('\u0000');
  const hex = createHash('sha256').update(material).digest('hex').slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
