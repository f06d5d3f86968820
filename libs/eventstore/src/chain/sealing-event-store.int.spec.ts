import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { NewEvent, RecordedEvent } from '#kernel';
import { EventStoreDbModelServer, createTestDatabase, eventStoreContract } from '#testing';
import { EventStoreDbEventStore } from '../eventstoredb/index.js';
import { PostgresEventStore } from '../postgres/index.js';
import { SqliteEventStore } from '../sqlite/index.js';
import { checkSeal, linkHash, sealOf } from './seal.js';
import { SealingEventStore } from './sealing-event-store.js';

/** Small pages, so the contract's reads cross page edges under the seal too. */
const SEALED_PAGE_SIZE = 4;

const sqliteSealed = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-sealed-'));
  const sqlite = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20, pageSize: SEALED_PAGE_SIZE });
  return { sqlite, store: new SealingEventStore(sqlite), pageSize: SEALED_PAGE_SIZE, cleanup: async () => (await sqlite.close(), rmSync(dir, { recursive: true, force: true })) };
};

eventStoreContract('SQLite, sealed', async () => sqliteSealed());

eventStoreContract('EventStoreDB through the real client against the model, sealed', async () => {
  const server = await EventStoreDbModelServer.start();
  const store = new SealingEventStore(EventStoreDbEventStore.fromConnectionString(server.connectionString()));
  return { store, cleanup: async () => (await store.close(), await server.stop()) };
});

const postgresSealed = async () => {
  const database = await createTestDatabase('hbsealed');
  const raw = await PostgresEventStore.connect(database.url, { pollIntervalMs: 50, pageSize: SEALED_PAGE_SIZE });
  return { raw, store: new SealingEventStore(raw), pageSize: SEALED_PAGE_SIZE, cleanup: async () => (await raw.close(), await database.drop()) };
};

eventStoreContract('PostgreSQL, sealed', postgresSealed);

const event = (n: number): NewEvent => ({
  id: randomUUID(), type: 'test.sealed.happened.v1', data: { n, nested: { b: 2, a: [1, 'x'] } },
  metadata: { actor: 'sealing-spec', correlationId: 'c-1', occurredAt: '2026-03-01T10:00:00Z' },
});

const collect = async (events: AsyncIterable<RecordedEvent>) => {
  const all: RecordedEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
};

describe('SealingEventStore on SQLite', () => {
  let under: ReturnType<typeof sqliteSealed>;
  beforeEach(() => (under = sqliteSealed()));
  afterEach(() => under.cleanup());

  it('links every event of a stream to the one before, across appends', async () => {
    await under.store.append('acct-1', [event(0), event(1)], 'no_stream');
    await under.store.append('acct-1', [event(2)], 1);
    const events = await collect(under.store.readStream('acct-1'));
    expect(events.map((e) => checkSeal(e).kind)).to.deep.equal(['sealed', 'sealed', 'sealed']);
    expect(sealOf(events[0]!)!.prev).to.equal(null);
    expect(sealOf(events[1]!)!.prev).to.equal(sealOf(events[0]!)!.hash);
    expect(sealOf(events[2]!)!.prev).to.equal(sealOf(events[1]!)!.hash);
  });

  it('keeps streams apart: each has its own chain', async () => {
    await under.store.append('acct-1', [event(0)], 'no_stream');
    await under.store.append('acct-2', [event(0)], 'no_stream');
    const [second] = await collect(under.store.readStream('acct-2'));
    expect(sealOf(second!)!.prev).to.equal(null);
  });

  it('recognises a repeated exact append and an `any` append repeated later, writing nothing', async () => {
    const batch = [event(0), event(1)];
    const first = await under.store.append('acct-1', batch, 'no_stream');
    await under.store.append('acct-1', [event(2)], 1);
    expect(await under.store.append('acct-1', batch, 'no_stream')).to.deep.equal(first);
    const later = [event(3)];
    const written = await under.store.append('acct-1', later, 'any');
    await under.store.append('acct-1', [event(4)], 'any');
    expect(await under.store.append('acct-1', later, 'any')).to.deep.equal(written);
    expect((await collect(under.store.readStream('acct-1'))).length).to.equal(5);
  });

  it('chains correctly when writers race with `any` on one stream', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => under.store.append('acct-1', [event(i)], 'any')));
    const events = await collect(under.store.readStream('acct-1'));
    expect(events).to.have.length(12);
    events.forEach((e, i) => {
      expect(checkSeal(e).kind).to.equal('sealed');
      expect(sealOf(e)!.prev).to.equal(i === 0 ? null : linkHash(events[i - 1]!));
    });
  });

  it('starts a chain after events written before sealing, linked to their content', async () => {
    await under.sqlite.append('acct-1', [event(0)], 'no_stream');
    await under.store.append('acct-1', [event(1)], 0);
    const [legacy, sealed] = await collect(under.store.readStream('acct-1'));
    expect(checkSeal(legacy!).kind).to.equal('unsealed');
    expect(sealOf(sealed!)!.prev).to.equal(linkHash(legacy!));
  });

  it('seals what the store will return, so a stored event checks out after the round trip', async () => {
    const odd: NewEvent = { ...event(0), data: { z: 1, a: undefined, list: [undefined, -0, 1e21], text: 'ç\u2028' } };
    await under.store.append('acct-1', [odd], 'no_stream');
    const [stored] = await collect(under.store.readStream('acct-1'));
    expect(checkSeal(stored!).kind).to.equal('sealed');
  });
});

describe('SealingEventStore on PostgreSQL', function () {
  this.timeout(60_000);
  let under: Awaited<ReturnType<typeof postgresSealed>>;
  beforeEach(async () => (under = await postgresSealed()));
  afterEach(() => under.cleanup());

  it('seals what jsonb gives back (keys reordered, numbers re-encoded), so a stored event checks out after the round trip', async () => {
    const odd: NewEvent = { ...event(0), data: { z: 1, a: undefined, list: [undefined, -0, 1e21, 0.1, 1.5e-7], text: 'ç\u2028', longerKeyFirst: { bb: 1, a: 2 } } };
    await under.store.append('acct-1', [odd, event(1)], 'no_stream');
    await Promise.all(Array.from({ length: 8 }, (_, i) => under.store.append('acct-1', [event(2 + i)], 'any')));
    const events = await collect(under.store.readStream('acct-1'));
    expect(events.map((e) => checkSeal(e).kind)).to.deep.equal(new Array(10).fill('sealed'));
    events.forEach((e, i) => expect(sealOf(e)!.prev).to.equal(i === 0 ? null : linkHash(events[i - 1]!)));
  });
});
