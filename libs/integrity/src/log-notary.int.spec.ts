import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import type { RecordedEvent } from '#kernel';
import { InMemoryEventStore, createTestDatabase, type TestDatabase } from '#testing';
import { type EventStore, SealingEventStore, openDatabase, openPool, type PgPool } from '#eventstore';
import { LogNotary } from './log-notary.js';
import { PostgresWitnessStore } from './postgres-witness-store.js';
import { generateSigningKeyPem, parseSigningKey } from './signing-key.js';
import { verifyLog } from './verify-log.js';
import { SqliteWitnessStore, type WitnessRow } from './witness-store.js';

const key = parseSigningKey(generateSigningKeyPem());
const clock = { now: () => Temporal.Instant.from('2026-04-01T12:00:00Z') };

/*
 * On PostgreSQL the notary is a claim that workers take in turn, and its record is shared: a worker that held the
 * claim before, lost it and takes it again must go on from the record, not from the head it last knew.
 */
describe('LogNotary on a record shared by workers that take its claim in turn (PostgreSQL)', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let pool: PgPool;
  let store: EventStore;
  let log: RecordedEvent[];

  before(async () => {
    database = await createTestDatabase('hbnotary');
    pool = openPool(database.url, { max: 2 });
    await PostgresWitnessStore.migrate(pool);
    store = new SealingEventStore(new InMemoryEventStore());
    for (let n = 0; n < 9; n++) {
      await store.append(`ticket-${n % 3}`, [{ id: randomUUID(), type: 'test.notary.v1', data: { n }, metadata: { actor: 'spec', correlationId: 'c', occurredAt: '2026-03-01T10:00:00Z' } }], 'any');
    }
    log = [];
    for await (const event of store.readAll()) log.push(event);
  });
  after(async () => {
    await pool.end();
    await database.drop();
  });

  const rowsOf = async (witness: { rows(): AsyncIterable<WitnessRow> }) => {
    const rows: WitnessRow[] = [];
    for await (const row of witness.rows()) rows.push(row);
    return rows;
  };

  it('keeps the one chain a single notary computes when two workers witness the log in turns (A, B, then A again)', async () => {
    const reference = new SqliteWitnessStore(openDatabase(':memory:'));
    const alone = new LogNotary(reference, { key, clock, checkpointEvery: 4 });
    for (const event of log) await alone.reactor.handle(event);

    const shared = new PostgresWitnessStore(pool);
    const [a, b] = [0, 1].map(() => new LogNotary(shared, { key, clock, checkpointEvery: 4, sharedRecord: true }));
    const turns = [a, a, a, b, b, b, a, a, a];
    for (const [i, event] of log.entries()) await turns[i]!.reactor.handle(event);
    // A takeover redelivers the last event: witnessed once.
    await b!.reactor.handle(log.at(-1)!);

    const strip = (rows: WitnessRow[]) => rows.map(({ position, chain, eventHash, events }) => ({ position, chain, eventHash, events }));
    expect(strip(await rowsOf(shared))).to.deep.equal(strip(await rowsOf(reference)));
    expect((await shared.checkpoints()).map((c) => [c.position, c.chain])).to.deep.equal((await reference.checkpoints()).map((c) => [c.position, c.chain]));
    const verified = await verifyLog({ store, system: await shared.checkpoints(), trustedKeyIds: new Set([key.keyId]), witness: () => shared.rows() });
    expect(verified.findings).to.deep.equal([]);
  });
});
