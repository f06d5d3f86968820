import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '#kernel';
import { EventCodec, type EventStore, SealingEventStore, SqliteEventStore, openDatabase } from '#eventstore';
import { LogNotary, SqliteWitnessStore, generateSigningKeyPem, parseSigningKey } from '#integrity';
import { compare, envInt, type Figure, formatFigure, type Measure } from './bench-kit.js';
import { BareEventLog } from './eventstore-baseline.js';

const STREAMS = 100;
const codec = new EventCodec({ HoursConsumed: 'hourbank.bench.hours-consumed.v1' });

function makeEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type: 'hourbank.bench.hours-consumed.v1',
    data: { accountId: `acc-${i % 977}`, ticketId: `t-${i}`, minutes: 15 + (i % 240), at: '2025-03-14T12:00:00Z' },
    metadata: { actor: 'agent-7', role: 'agent', correlationId: randomUUID(), occurredAt: '2025-03-14T12:00:00Z' },
  }));
}

/**
 * `count` appends of `size` events each, round-robin over 100 streams, each with its exact expected revision;
 * `sealed`: through SealingEventStore, as the application appends (one read of the previous event, one SHA-256 each).
 */
function appendMeasure(name: string, dir: string, count: number, size: number, sealed = false): Measure {
  const batches = () => Array.from({ length: count }, () => makeEvents(size));
  let round = 0;
  return {
    name,
    events: count * size,
    store: async () => {
      const sqlite = SqliteEventStore.open(join(dir, `store-${size}${sealed ? '-sealed' : ''}-${round++}.db`));
      const store: EventStore = sealed ? new SealingEventStore(sqlite) : sqlite;
      const work = batches();
      const last = new Array<number>(STREAMS).fill(-1);
      for (let i = 0; i < count; i++) {
        const s = i % STREAMS;
        const result = await store.append(`bench-${s}`, work[i]!, last[s]! < 0 ? 'no_stream' : last[s]!);
        last[s] = result.nextExpectedRevision;
      }
      await store.close();
      return count * size;
    },
    bare: async () => {
      const bare = new BareEventLog(join(dir, `bare-${size}${sealed ? '-sealed' : ''}-${round++}.db`));
      const work = batches();
      const last = new Array<number>(STREAMS).fill(-1);
      for (let i = 0; i < count; i++) last[i % STREAMS] = bare.append(`bench-${i % STREAMS}`, work[i]!, last[i % STREAMS]!);
      bare.close();
      return count * size;
    },
  };
}

/** Writes `total` events over 100 streams in large transactions: setup, not measured. */
function seed(file: string, total: number): void {
  SqliteEventStore.open(file).close();
  const bare = new BareEventLog(file);
  const insert = bare.db.prepare(`INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at)
    VALUES (?, ?, 'bench', ?, ?, ?, ?, '2025-03-14T12:00:00.000Z')`);
  const write = bare.db.transaction((from: number, events: NewEvent[]) => {
    events.forEach((e, i) => {
      const n = from + i;
      insert.run(e.id, `bench-${n % STREAMS}`, Math.floor(n / STREAMS), e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
    });
  });
  for (let from = 0; from < total; from += 10_000) write(from, makeEvents(Math.min(10_000, total - from)));
  bare.close();
}

/** The log notary witnessing the whole log (seal check, global chain, a witness row each) beside the bare read of it. */
function witnessMeasure(file: string, dir: string, total: number): Measure {
  const key = parseSigningKey(generateSigningKeyPem());
  let round = 0;
  return {
    name: `log notary witnesses the log (${total.toLocaleString('en-US')} events)`,
    events: total,
    store: async () => {
      const store = SqliteEventStore.open(file);
      const db = openDatabase(join(dir, `witness-${round++}.db`), { synchronous: 'NORMAL' });
      const notary = new LogNotary(new SqliteWitnessStore(db), { key, clock: { now: () => ({ toString: () => '2025-03-14T12:00:00Z' }) as never } });
      let count = 0;
      // The reactor runner commits each event on its own; a batch transaction here would flatter the notary.
      for await (const event of store.readAll()) {
        await notary.reactor.handle(event);
        count += 1;
      }
      db.close();
      await store.close();
      return count;
    },
    bare: async () => {
      const bare = new BareEventLog(file);
      let count = 0;
      bare.readAll((_type, data, metadata) => {
        if (data !== undefined && metadata !== undefined) count += 1;
      });
      bare.close();
      return count;
    },
  };
}

function readAllMeasure(file: string, total: number): Measure {
  return {
    // Both sides parse data and metadata (the store parses metadata only when read, so it is read here).
    name: `read-all + decode (${total.toLocaleString('en-US')} events)`,
    events: total,
    store: async () => {
      const store = SqliteEventStore.open(file);
      let count = 0;
      for await (const event of store.readAll()) {
        if (codec.decode(event).type === 'HoursConsumed' && event.metadata.occurredAt !== undefined) count += 1;
      }
      await store.close();
      return count;
    },
    bare: async () => {
      const bare = new BareEventLog(file);
      const types = new Map([['hourbank.bench.hours-consumed.v1', 'HoursConsumed']]);
      let count = 0;
      bare.readAll((type, data, metadata) => {
        if ({ type: types.get(type), data }.type === 'HoursConsumed' && (metadata as { occurredAt?: string }).occurredAt !== undefined) count += 1;
      });
      bare.close();
      return count;
    },
  };
}

export async function runEventStoreBench(): Promise<Figure[]> {
  const rounds = envInt('BENCH_ROUNDS', 3);
  const readEvents = envInt('BENCH_READ_EVENTS', 1_000_000);
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'hourbank-bench-'));
  try {
    const figures: Figure[] = [];
    const measures = [
      appendMeasure('append 1 event, exact revision', dir, envInt('BENCH_APPEND1_COUNT', 2000), 1),
      appendMeasure('append 1 event, exact revision, sealed', dir, envInt('BENCH_APPEND1_COUNT', 2000), 1, true),
      appendMeasure('append 100 events, exact revision', dir, envInt('BENCH_APPEND100_COUNT', 200), 100),
      appendMeasure('append 100 events, exact revision, sealed', dir, envInt('BENCH_APPEND100_COUNT', 200), 100, true),
    ];
    for (const measure of measures) figures.push(await report(measure, rounds));
    const file = join(dir, 'read-all.db');
    seed(file, readEvents);
    figures.push(await report(readAllMeasure(file, readEvents), rounds));
    const witnessed = envInt('BENCH_WITNESS_EVENTS', 200_000);
    const witnessFile = join(dir, 'witness-log.db');
    seed(witnessFile, witnessed);
    figures.push(await report(witnessMeasure(witnessFile, dir, witnessed), rounds));
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function report(measure: Measure, rounds: number): Promise<Figure> {
  const figure = await compare(measure, rounds);
  console.log(formatFigure(figure));
  return figure;
}
