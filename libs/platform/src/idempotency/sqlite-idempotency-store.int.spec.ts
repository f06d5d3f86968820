import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idempotencyStoreContract } from '#testing';
import { SqliteIdempotencyStore } from './sqlite-idempotency-store.js';

idempotencyStoreContract('SQLite', async (timings) => {
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-idem-store-'));
  const store = new SqliteIdempotencyStore(dir, timings);
  return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('SqliteIdempotencyStore on a data dir of the previous version', () => {
  it('replays a key the old per-subject table holds for the same request, then drops that table once it aged out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hourbank-idem-legacy-'));
    try {
      const old = new Database(join(dir, 'api.sqlite'));
      old.exec(`CREATE TABLE idempotency_keys (subject TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL, state TEXT NOT NULL,
        status INTEGER, body TEXT, started_at INTEGER NOT NULL, PRIMARY KEY (subject, key)) WITHOUT ROWID`);
      old.prepare("INSERT INTO idempotency_keys VALUES ('alice', 'k1', 'h1', 'done', 201, '{\"id\":\"t-1\"}', ?)").run(1_000);
      old.close();
      const scope = { subject: 'alice', role: 'agent', route: 'POST /tickets', key: 'k1' };
      let now = 2_000;
      const store = new SqliteIdempotencyStore(dir, { retentionMs: 10_000, nowMs: () => now });
      expect(await store.start(scope, 'h1')).to.deep.equal({ kind: 'replay', status: 201, body: { id: 't-1' }, headers: {} });
      expect((await store.start({ ...scope, key: 'k2' }, 'h1')).kind).to.equal('started');
      await store.close();
      now = 20_000;
      await new SqliteIdempotencyStore(dir, { retentionMs: 10_000, nowMs: () => now }).close();
      const after = new Database(join(dir, 'api.sqlite'));
      expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'idempotency_keys'").get()).to.equal(undefined);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
