import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { NewEvent } from '#kernel';
import { EventCodec, PostgresEventStore, SqliteEventStore, migratePostgres, openPool, streamCategory } from '#eventstore';
import {
  ClaimKeeper, MirroredProjectionRunner, ProjectionRunner, SHARED_STATE_MIGRATIONS, SHARED_STATE_MIGRATIONS_TABLE, openReadModelDatabase,
} from '#projections';
import { type PostgresServer, createTestDatabase, startEmbeddedPostgres } from '#testing';
import { workerProjections } from '../../apps/worker/src/worker-projections.js';
import { compare, envInt, type Figure, formatFigure, type Measure, median } from './bench-kit.js';
import { HistoryWriter } from './rebuild.bench-history.js';

const STREAMS = 100;
const TYPE = 'hourbank.bench.hours-consumed.v1';
const codec = new EventCodec({ HoursConsumed: TYPE });
const APPEND = 'SELECT outcome, next_revision, last_position, actual FROM hb_append($1, $2, $3, $4, $5)';
const PAGE = 'SELECT position, id, stream, revision, type, data::text, metadata::text, recorded_at FROM events WHERE position > $1 ORDER BY position LIMIT $2';

const makeEvents = (count: number): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type: TYPE,
    data: { accountId: `acc-${i % 977}`, ticketId: `t-${i}`, minutes: 15 + (i % 240), at: '2025-03-14T12:00:00Z' },
    metadata: { actor: 'agent-7', role: 'agent', correlationId: randomUUID(), occurredAt: '2025-03-14T12:00:00Z' },
  }));

/** A database with the event store's schema, for one side of one round. */
const freshStoreDatabase = async (server: PostgresServer) => {
  const database = await createTestDatabase('hbbench', server);
  await (await PostgresEventStore.connect(database.url)).close();
  return database;
};

/** `count` appends of `size` events, round-robin over 100 streams, each at its exact expected revision. */
function appendMeasure(name: string, server: PostgresServer, count: number, size: number): Measure {
  const work = () => Array.from({ length: count }, () => makeEvents(size));
  return {
    name,
    events: count * size,
    store: async () => {
      const database = await freshStoreDatabase(server);
      const store = await PostgresEventStore.connect(database.url);
      const batches = work();
      const last = new Array<number>(STREAMS).fill(-1);
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const s = i % STREAMS;
        last[s] = (await store.append(`bench-${s}`, batches[i]!, last[s]! < 0 ? 'no_stream' : last[s]!)).nextExpectedRevision;
      }
      const seconds = (performance.now() - started) / 1000;
      await store.close();
      await database.drop();
      return { events: count * size, seconds };
    },
    bare: async () => {
      const database = await freshStoreDatabase(server);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const batches = work();
      const last = new Array<number>(STREAMS).fill(-1);
      const started = performance.now();
      for (let i = 0; i < count; i++) {
        const s = i % STREAMS;
        const stream = `bench-${s}`;
        const payload = JSON.stringify(batches[i]!.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })));
        const { rows } = await client.query({ name: 'append', text: APPEND,
          values: [stream, streamCategory(stream), last[s]! < 0 ? 'no_stream' : String(last[s]), payload, new Date().toISOString()] });
        if (rows[0].outcome !== 'ok') throw new Error(`bare append: ${rows[0].outcome}`);
        last[s] = Number(rows[0].next_revision);
      }
      const seconds = (performance.now() - started) / 1000;
      await client.end();
      await database.drop();
      return { events: count * size, seconds };
    },
  };
}

/** `total` events over 100 streams, written in large statements (setup, not measured). */
async function seedEvents(url: string, total: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (let from = 0; from < total; from += 10_000) {
    const events = makeEvents(Math.min(10_000, total - from));
    await client.query(
      `INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at)
       SELECT id, 'bench-' || (n % 100), 'bench', n / 100, $4, data::jsonb, metadata::jsonb, '2025-03-14T12:00:00.000Z'
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(id, data, metadata, i), LATERAL (SELECT $5::bigint + i - 1 AS n) k`,
      [events.map((e) => e.id), events.map((e) => JSON.stringify(e.data)), events.map((e) => JSON.stringify(e.metadata)), TYPE, from],
    );
  }
  await client.end();
}

function readAllMeasure(url: string, total: number): Measure {
  return {
    name: `read-all + decode (${total.toLocaleString('en-US')} events)`,
    events: total,
    store: async () => {
      const store = await PostgresEventStore.connect(url);
      let count = 0;
      const started = performance.now();
      for await (const event of store.readAll()) if (codec.decode(event).type === 'HoursConsumed' && event.metadata.occurredAt !== undefined) count += 1;
      const seconds = (performance.now() - started) / 1000;
      await store.close();
      return { events: count, seconds };
    },
    bare: async () => {
      const client = new pg.Client({ connectionString: url, types: { getTypeParser: ((oid: number) => (oid === 20 ? Number : (v: string) => v)) as pg.CustomTypesConfig['getTypeParser'] } });
      await client.connect();
      const types = new Map([[TYPE, 'HoursConsumed']]);
      let count = 0;
      let after = 0;
      const started = performance.now();
      for (;;) {
        const { rows } = await client.query<unknown[]>({ name: 'page', text: PAGE, values: [after, 1000], rowMode: 'array' });
        for (const row of rows) {
          const decoded = { type: types.get(row[4] as string), data: JSON.parse(row[5] as string) as unknown };
          if (decoded.type === 'HoursConsumed' && (JSON.parse(row[6] as string) as { occurredAt?: string }).occurredAt !== undefined) count += 1;
        }
        if (rows.length < 1000) break;
        after = rows[rows.length - 1]![0] as number;
      }
      const seconds = (performance.now() - started) / 1000;
      await client.end();
      return { events: count, seconds };
    },
  };
}

/** Copies a generated SQLite history into a PostgreSQL event store, position for position (setup). */
async function copyHistory(from: string, url: string): Promise<number> {
  const source = SqliteEventStore.open(from, { pageSize: 5000 });
  await (await PostgresEventStore.connect(url)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = source.db.prepare('SELECT id, stream, category, revision, type, data, metadata, recorded_at FROM events ORDER BY position').raw().iterate();
  let chunk: unknown[][] = [];
  let copied = 0;
  const flush = async () => {
    const column = (i: number) => chunk.map((row) => row[i]);
    await client.query(
      `INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at)
       SELECT id, stream, category, revision, type, data::jsonb, metadata::jsonb, recorded_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS t(id, stream, category, revision, type, data, metadata, recorded_at)`,
      [0, 1, 2, 3, 4, 5, 6, 7].map(column),
    );
    copied += chunk.length;
    chunk = [];
  };
  for (const row of rows as IterableIterator<unknown[]>) {
    chunk.push(row);
    if (chunk.length >= 5000) await flush();
  }
  if (chunk.length > 0) await flush();
  await client.end();
  await source.close();
  return copied;
}

/**
 * Each projection rebuilt into PostgreSQL read models (the worker's working copy filled by a replay, then the shared
 * tables replaced in one transaction) beside the same rebuild into embedded SQLite read models, both reading the
 * same PostgreSQL event store.
 */
async function rebuildFigures(server: PostgresServer, eventsUrl: string, events: number, rounds: number, dir: string): Promise<void> {
  console.log(`  rebuild from the PostgreSQL event store (${events.toLocaleString('en-US')} events), medians of ${rounds}:`);
  const store = await PostgresEventStore.connect(eventsUrl, { pageSize: 5000 });
  try {
    for (const projection of workerProjections({ autoCloseBusinessDays: 5 })) {
      const pgSeconds: number[] = [];
      const sqliteSeconds: number[] = [];
      for (let round = 0; round < rounds; round++) {
        const sqlite = async () => {
          const db = openReadModelDatabase(join(dir, `rm-${round}-${projection.name}.sqlite`));
          const started = performance.now();
          await new ProjectionRunner(projection, store, db, { rebuildBatchSize: 5000 }).rebuild();
          sqliteSeconds.push((performance.now() - started) / 1000);
          db.close();
        };
        const postgres = async () => {
          const database = await createTestDatabase('hbbenchrm', server);
          const pool = openPool(database.url, { max: 4 });
          await migratePostgres(pool, SHARED_STATE_MIGRATIONS_TABLE, SHARED_STATE_MIGRATIONS);
          const copy = openReadModelDatabase(join(dir, `copy-${round}-${projection.name}.sqlite`));
          const keeper = new ClaimKeeper(pool, { ttlMs: 600_000 });
          const runner = new MirroredProjectionRunner(projection, store, copy, pool, keeper, { rebuildBatchSize: 5000 });
          keeper.register(runner);
          const started = performance.now();
          await keeper.start();
          while (((await runner.position()) ?? 0) < events) await new Promise((resolve) => setTimeout(resolve, 20));
          pgSeconds.push((performance.now() - started) / 1000);
          await keeper.stop();
          copy.close();
          await pool.end();
          await database.drop();
        };
        for (const side of round % 2 === 0 ? [postgres, sqlite] : [sqlite, postgres]) await side();
      }
      const [p, s] = [median(pgSeconds), median(sqliteSeconds)];
      const rate = (seconds: number) => Math.round(events / seconds).toLocaleString('en-US').padStart(9);
      console.log(`  rebuild ${projection.name.padEnd(22)} into PostgreSQL ${rate(p)} ev/s ${p.toFixed(2)} s   into SQLite ${rate(s)} ev/s ${s.toFixed(2)} s   ratio ${(s / p).toFixed(2)}`);
    }
  } finally {
    await store.close();
  }
}

/**
 * The SQLite workloads on the PostgreSQL store beside bare `pg` running the same SQL (same function, same pages,
 * same JSON work) in the same run, and the rebuilds into PostgreSQL read models. The server: BENCH_DATABASE_URL
 * (a server the bench may create databases on), else an embedded PostgreSQL 18 with its durable defaults.
 */
export async function runPostgresBench(): Promise<Figure[]> {
  const rounds = envInt('BENCH_ROUNDS', 3);
  const configured = process.env.BENCH_DATABASE_URL;
  const server: PostgresServer = configured ? { adminUrl: configured, stop: async () => undefined } : await startEmbeddedPostgres({ durable: true });
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'hourbank-bench-pg-'));
  console.log(`\npostgres: ${configured ? 'BENCH_DATABASE_URL' : 'embedded PostgreSQL 18, fsync on'}`);
  try {
    const figures: Figure[] = [];
    for (const measure of [
      appendMeasure('append 1 event, exact revision', server, envInt('BENCH_PG_APPEND1_COUNT', 2000), 1),
      appendMeasure('append 100 events, exact revision', server, envInt('BENCH_PG_APPEND100_COUNT', 200), 100),
    ]) figures.push(await report(measure, rounds));
    const readEvents = envInt('BENCH_READ_EVENTS', 1_000_000);
    const reads = await freshStoreDatabase(server);
    await seedEvents(reads.url, readEvents);
    figures.push(await report(readAllMeasure(reads.url, readEvents), rounds));
    await reads.drop();
    const history = process.env.BENCH_STORE_DIR ?? join(dir, 'history');
    mkdirSync(history, { recursive: true });
    const file = join(history, `events-pg-${envInt('BENCH_PG_ACCOUNTS', 200)}.sqlite`);
    const writer = SqliteEventStore.open(file, { pageSize: 5000 });
    if (writer.headPosition() === 0) await new HistoryWriter(writer).write({ accounts: envInt('BENCH_PG_ACCOUNTS', 200), months: envInt('BENCH_MONTHS', 24), ticketsPerMonth: 4 });
    await writer.close();
    const eventsDb = await createTestDatabase('hbbenchlog', server);
    const events = await copyHistory(file, eventsDb.url);
    await rebuildFigures(server, eventsDb.url, events, rounds, dir);
    await eventsDb.drop();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
}

async function report(measure: Measure, rounds: number): Promise<Figure> {
  const figure = await compare(measure, rounds);
  console.log(formatFigure(figure));
  return figure;
}
