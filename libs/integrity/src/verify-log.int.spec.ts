import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import type { NewEvent, RecordedEvent } from '#kernel';
import pg from 'pg';
import {
  EventStoreDbEventStore, type EventStore, PostgresEventStore, SealingEventStore, SqliteEventStore, contentHash, openDatabase, openPool, sealOf,
} from '#eventstore';
import { EventStoreDbModelServer, createTestDatabase } from '#testing';
import { LogNotary } from './log-notary.js';
import { generateSigningKeyPem, parseSigningKey } from './signing-key.js';
import { verifyLog, type LogVerification } from './verify-log.js';
import { PostgresWitnessStore } from './postgres-witness-store.js';
import { SqliteWitnessStore, type WitnessStore } from './witness-store.js';

const key = parseSigningKey(generateSigningKeyPem());
const clock = { now: () => Temporal.Instant.from('2026-04-01T12:00:00Z') };

interface Tamperable {
  readonly store: EventStore;
  /** The backend without sealing: what a writer going around Hour Bank appends through. */
  readonly raw: EventStore;
  editData(position: number, data: unknown, metadata?: unknown): Promise<void>;
  remove(position: number): Promise<void>;
  swap?(a: number, b: number): Promise<void>;
  /** Where the notary keeps its record beside this store (default: a SQLite read-model file). */
  witness?(): Promise<WitnessStore>;
  cleanup(): Promise<void>;
}

const event = (stream: string, n: number): NewEvent => ({
  id: randomUUID(), type: 'test.verify.happened.v1', data: { stream, n, minutes: 10 * n },
  metadata: { actor: 'verify-spec', correlationId: `c-${n}`, occurredAt: '2026-03-01T10:00:00Z' },
});

const collect = async (events: AsyncIterable<RecordedEvent>) => {
  const all: RecordedEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
};

function verifyScenarios(name: string, make: () => Promise<Tamperable>): void {
  describe(`verifyLog on ${name}`, function () {
    this.timeout(60_000);
    let under: Tamperable;
    let dir: string;
    let witness: WitnessStore;
    let log: RecordedEvent[];
    const at = (stream: string, revision: number) => log.find((e) => e.stream === stream && e.revision === revision)!;

    beforeEach(async () => {
      under = await make();
      dir = mkdtempSync(join(tmpdir(), 'hourbank-verify-'));
      witness = under.witness ? await under.witness() : new SqliteWitnessStore(openDatabase(join(dir, 'read.db'), { synchronous: 'NORMAL' }));
      const streams = ['account-a', 'ticket-b', 'ticket-c'];
      for (let n = 0; n < 4; n++) for (const stream of streams) await under.store.append(stream, [event(stream, n)], n === 0 ? 'no_stream' : n - 1);
      const notary = new LogNotary(witness, { key, clock, checkpointEvery: 5 });
      log = await collect(under.store.readAll());
      for (const e of log) await notary.reactor.handle(e);
      await notary.signIfMoved();
    });
    afterEach(async () => {
      await under.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const verify = async (options: { witness?: boolean; trusted?: string[] } = {}): Promise<LogVerification> =>
      verifyLog({
        store: under.store, system: await witness.checkpoints(), trustedKeyIds: new Set(options.trusted ?? [key.keyId]),
        ...(options.witness !== false && { witness: () => witness.rows() }),
      });
    const first = async (options?: Parameters<typeof verify>[0]) => {
      const result = await verify(options);
      expect(result.ok, JSON.stringify(result.findings)).to.equal(false);
      if (process.env.DEBUG_VERIFY) console.log(result.findings);
      return result.findings[0]!;
    };

    it('verifies the untouched log, its 12 events and the 3 signed checkpoints', async () => {
      const result = await verify();
      expect(result.findings).to.deep.equal([]);
      expect([result.ok, result.events, result.streams, result.checkpoints.checked]).to.deep.equal([true, 12, 3, 3]);
      expect(result.head).to.equal((await witness.head()).chain);
    });

    it('names the event whose data was edited in the store', async () => {
      const victim = at('ticket-b', 2);
      await under.editData(victim.position, { ...(victim.data as object), minutes: 999 });
      expect(await first()).to.deep.include({ kind: 'modified', eventId: victim.id, position: victim.position, stream: 'ticket-b', revision: 2 });
      expect(await first({ witness: false })).to.deep.include({ kind: 'modified', eventId: victim.id });
    });

    it('names an edited event even when its seal was recomputed, by the notary, or else by the checkpoints', async () => {
      const victim = at('ticket-b', 3);
      const data = { ...(victim.data as object), minutes: 1 };
      const prev = sealOf(victim)!.prev;
      const hash = contentHash({ stream: victim.stream, revision: victim.revision, id: victim.id, type: victim.type, data, metadata: victim.metadata }, prev);
      await under.editData(victim.position, data, { ...victim.metadata, chain: { hash, prev } });
      expect(await first()).to.deep.include({ kind: 'modified', eventId: victim.id, detail: 'its content differs from what the notary witnessed' });
      expect(await first({ witness: false })).to.deep.include({ kind: 'checkpoint', position: (await witness.checkpoints()).find((c) => c.position >= victim.position)!.position });
    });

    it('names an event deleted from the middle of a stream', async () => {
      const victim = at('account-a', 1);
      await under.remove(victim.position);
      expect(await first()).to.deep.include({ kind: 'deleted', eventId: victim.id, position: victim.position, stream: 'account-a', revision: 1 });
      const without = await verify({ witness: false });
      expect(without.findings[0]).to.deep.include({ kind: 'checkpoint', position: (await witness.checkpoints())[0]!.position });
      expect(without.findings.find((f) => f.kind === 'deleted')).to.deep.include({ stream: 'account-a', revision: 2, detail: 'revision 1 is missing from the stream, before this event' });
    });

    it('names the last event of the log when it was deleted', async () => {
      const victim = log.at(-1)!;
      await under.remove(victim.position);
      expect(await first()).to.deep.include({ kind: 'deleted', eventId: victim.id, position: victim.position });
      expect(await first({ witness: false })).to.deep.include({ kind: 'deleted', position: victim.position });
    });

    it('names an event written around Hour Bank into a sealed stream', async () => {
      await under.raw.append('ticket-c', [event('ticket-c', 4)], 3);
      const [inserted] = (await collect(under.store.readStream('ticket-c', { fromRevision: 4 })));
      expect(await first()).to.deep.include({ kind: 'inserted', eventId: inserted!.id, stream: 'ticket-c', revision: 4 });
    });

    it('holds the system to the checkpoints an auditor kept outside it', async () => {
      const kept = await witness.checkpoints();
      const result = await verifyLog({ store: under.store, system: kept.slice(1), external: kept, trustedKeyIds: new Set([key.keyId]) });
      expect(result.findings.map((f) => [f.kind, f.position])).to.deep.equal([['checkpoint', kept[0]!.position]]);
      expect(result.findings[0]!.detail).to.match(/no longer in the system/);
    });

    it('refuses checkpoints signed by a key it does not trust', async () => {
      expect(await first({ trusted: ['0123456789abcdef'] })).to.deep.include({ kind: 'checkpoint' });
    });

    if (!name.startsWith('EventStoreDB')) {
      it('names two events of one stream whose places in the log were swapped', async () => {
        const [a, b] = [at('ticket-c', 1), at('ticket-c', 2)];
        await under.swap!(a.position, b.position);
        expect(await first()).to.deep.include({ kind: 'reordered', eventId: b.id, position: a.position });
        expect(await first({ witness: false })).to.deep.include({ kind: 'reordered', eventId: a.id, position: b.position });
      });
    }
  });
}

verifyScenarios('SQLite, tampered in the store file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-verify-store-'));
  const sqlite = SqliteEventStore.open(join(dir, 'events.sqlite'));
  const file = openDatabase(join(dir, 'events.sqlite'));
  return {
    store: new SealingEventStore(sqlite),
    raw: sqlite,
    editData: async (position, data, metadata) => {
      file.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), position);
      if (metadata) file.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(JSON.stringify(metadata), position);
    },
    remove: async (position) => void file.prepare('DELETE FROM events WHERE position = ?').run(position),
    swap: async (a, b) => {
      file.transaction(() => {
        file.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a);
        file.prepare('UPDATE events SET position = ? WHERE position = ?').run(a, b);
        file.prepare('UPDATE events SET position = ? WHERE position = -1').run(b);
      })();
    },
    cleanup: async () => (file.close(), await sqlite.close(), rmSync(dir, { recursive: true, force: true })),
  };
});

verifyScenarios('EventStoreDB through the real client, against the model (records tampered by the model)', async () => {
  const server = await EventStoreDbModelServer.start();
  const raw = EventStoreDbEventStore.fromConnectionString(server.connectionString());
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  return {
    store: new SealingEventStore(raw),
    raw,
    editData: async (position, data, metadata) => server.log.tamperRecord(position, { data: json(data), ...(metadata !== undefined && { metadata: json(metadata) }) }),
    remove: async (position) => server.log.dropRecord(position),
    cleanup: async () => (await raw.close(), await server.stop()),
  };
});

verifyScenarios('PostgreSQL, tampered with SQL in its events table (the notary\'s record in the same database)', async () => {
  const database = await createTestDatabase('hbverify');
  const raw = await PostgresEventStore.connect(database.url, { pollIntervalMs: 50 });
  const pool = openPool(database.url, { max: 2 });
  const sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  const columns = 'id, stream, category, revision, type, data, metadata, recorded_at';
  return {
    store: new SealingEventStore(raw),
    raw,
    editData: async (position, data, metadata) => {
      await sql.query('UPDATE events SET data = $1::jsonb WHERE position = $2', [JSON.stringify(data), position]);
      if (metadata) await sql.query('UPDATE events SET metadata = $1::jsonb WHERE position = $2', [JSON.stringify(metadata), position]);
    },
    remove: async (position) => void (await sql.query('DELETE FROM events WHERE position = $1', [position])),
    // Positions are an identity column: the two rows exchange everything else (ids and revisions are unique, so one
    // steps aside first).
    swap: async (a, b) => {
      const { rows } = await sql.query(`SELECT position, ${columns} FROM events WHERE position IN ($1, $2)`, [a, b]);
      const row = (p: number) => rows.find((r) => Number(r.position) === p);
      const set = `(${columns}) = ($2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9)`;
      const values = (r: Record<string, unknown>) => [r.id, r.stream, r.category, r.revision, r.type, JSON.stringify(r.data), JSON.stringify(r.metadata), r.recorded_at];
      await sql.query('BEGIN');
      await sql.query("UPDATE events SET id = id || '-moving', revision = -1 - revision WHERE position = $1", [a]);
      await sql.query(`UPDATE events SET ${set} WHERE position = $1`, [b, ...values(row(a))]);
      await sql.query(`UPDATE events SET ${set} WHERE position = $1`, [a, ...values(row(b))]);
      await sql.query('COMMIT');
    },
    witness: async () => (await PostgresWitnessStore.migrate(pool), new PostgresWitnessStore(pool)),
    cleanup: async () => (await sql.end(), await pool.end(), await raw.close(), await database.drop()),
  };
});
