import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DroppableEventStore, eventStoreFaultSuite } from '#testing';
import { streamCategory } from '../event-store.js';
import { SqliteEventStore } from './sqlite-event-store.js';

eventStoreFaultSuite('SQLite (subscriptions cut at the port, as it has no connection to lose)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-faults-'));
  const sqlite = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 10 });
  const store = new DroppableEventStore(sqlite);
  return {
    store,
    dropSubscriptions: async () => void store.drop(),
    invalidPositions: async () => [0, sqlite.headPosition() + 1, sqlite.headPosition() + 1000],
    writeUndecodable: async (stream, type) => {
      const revision = ((sqlite.db.prepare('SELECT max(revision) FROM events WHERE stream = ?').pluck().get(stream) as number | null) ?? -1) + 1;
      sqlite.db
        .prepare('INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(randomUUID(), stream, streamCategory(stream), revision, type, '<not json>', '{}', new Date().toISOString());
    },
    cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
  };
});
