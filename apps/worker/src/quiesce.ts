import { Temporal } from 'temporal-polyfill';
import type { EventStore } from '#eventstore';
import { type Db, type ProjectionsAdmin, normalizeInstant } from '#projections';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once every running projection and reactor has consumed the whole log and the log stopped growing
 * (reactors append while they catch up). Parked or stopped consumers are not waited for.
 */
export const quiesce = async (store: EventStore, admin: ProjectionsAdmin, timeoutMs: number): Promise<void> => {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const { headPosition, consumers } = await admin.positions();
    const behind = consumers.filter((c) => c.state !== 'parked' && c.state !== 'stopped' && (c.position ?? 0) < headPosition);
    if (behind.length === 0 && ((await store.status()).headPosition ?? 0) === headPosition) return;
    if (performance.now() > until) {
      throw new Error(`Consumers did not reach position ${headPosition} within ${timeoutMs} ms: ${behind.map((c) => c.name).join(', ')}`);
    }
    await pause(5);
  }
};

/** The earliest unfired due time after `after` and at or before `until`, if any. */
export const nextDueAfter = (db: Db, after: Temporal.Instant, until: Temporal.Instant): Temporal.Instant | undefined => {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'due_items'`).get();
  if (!exists) return undefined;
  const row = db.prepare('SELECT min(due_at) AS d FROM due_items WHERE fired_at IS NULL AND due_at > ? AND due_at <= ?')
    .get(normalizeInstant(after.toString()), normalizeInstant(until.toString())) as { d: string | null };
  return row.d === null ? undefined : Temporal.Instant.from(row.d);
};
