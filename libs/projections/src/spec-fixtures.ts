import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore, SqliteEventStore } from '#eventstore';
import type { NewEvent, RecordedEvent } from '#kernel';
import { InMemoryEventStore } from '#testing';
import { type Db, type Projection, prepareCached } from './projection.js';
import { openReadModelDatabase } from './schema.js';

export const backends: readonly [string, () => EventStore][] = [
  ['in-memory store', () => new InMemoryEventStore()],
  ['SqliteEventStore', () => SqliteEventStore.open(join(mkdtempSync(join(tmpdir(), 'hb-proj-')), 'events.db'), { pollIntervalMs: 10 })],
];

export const readModelDb = (): Db => openReadModelDatabase(join(mkdtempSync(join(tmpdir(), 'hb-rm-')), 'read.db'));

let sequence = 0;
export const event = (type = 'test.counted.v1', data: unknown = {}): NewEvent => ({
  id: `e-${process.pid}-${++sequence}`,
  type,
  data,
  metadata: { actor: 'spec', correlationId: 'c', occurredAt: '2025-01-01T00:00:00Z' },
});

export const appendMany = async (store: EventStore, count: number, stream = 'counter-1', type?: string) => {
  for (let i = 0; i < count; i++) await store.append(stream, [event(type, { i })], 'any');
};

/** Counts events per stream; throws on `test.poison.v1` while `poisonous()` says so. */
export const countsProjection = (poisonous: () => boolean = () => true, version = 1): Projection => ({
  name: 'counts',
  version,
  filter: { streamCategories: ['counter'] },
  tables: ['counts'],
  migrate: (db, t) => db.exec(`CREATE TABLE ${t('counts')} (stream TEXT PRIMARY KEY, n INTEGER NOT NULL, last INTEGER NOT NULL)`),
  apply: (db: Db, e: RecordedEvent, t) => {
    if (e.type === 'test.poison.v1' && poisonous()) throw new Error(`cannot apply ${e.id}`);
    prepareCached(db, `INSERT INTO ${t('counts')} (stream, n, last) VALUES (?, 1, ?)
      ON CONFLICT (stream) DO UPDATE SET n = n + 1, last = excluded.last`).run(e.stream, e.position);
  },
});

export const counts = (db: Db): Record<string, number> =>
  Object.fromEntries((db.prepare('SELECT stream, n FROM counts').all() as { stream: string; n: number }[]).map((r) => [r.stream, r.n]));

export const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> => {
  const until = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
