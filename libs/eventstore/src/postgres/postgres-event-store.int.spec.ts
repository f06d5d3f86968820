import { expect } from 'chai';
import pg from 'pg';
import type { RecordedEvent } from '#kernel';
import { ContractFixture, createTestDatabase, eventStoreContract, type TestDatabase } from '#testing';
import { PostgresEventStore } from '#eventstore';

/** Pages far smaller than the default's 1,000, so the contract's reads and subscriptions cross many page edges. */
const CONTRACT_PAGE_SIZE = 4;

eventStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase('hbcontract');
  const store = await PostgresEventStore.connect(database.url, { pollIntervalMs: 50, pageSize: CONTRACT_PAGE_SIZE });
  return { store, pageSize: CONTRACT_PAGE_SIZE, cleanup: async () => (await store.close(), await database.drop()) };
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PostgresEventStore: a reader never passes a row that commits late', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let store: PostgresEventStore;
  before(async () => {
    database = await createTestDatabase('hbbarrier');
    store = await PostgresEventStore.connect(database.url, { pollIntervalMs: 20 });
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  /**
   * An append through the store's own function whose transaction stays open for `holdMs` before it commits;
   * `appended` is called once it holds its position (the append returned inside the open transaction).
   */
  const slowAppend = async (f: ContractFixture, name: string, holdMs: number, appended: () => void = () => {}) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query('BEGIN');
      const payload = JSON.stringify([f.event(name)].map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })));
      await client.query('SELECT * FROM hb_append($1, $2, $3, $4, $5)', [f.stream(name), f.category, 'any', payload, new Date().toISOString()]);
      appended();
      await pause(holdMs);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
  };

  it('a transaction that took its position first and commits last is still delivered, in position order', async () => {
    const f = new ContractFixture();
    const start = await f.mark(store);
    const subscription = store.subscribeToAll({ after: start, filter: { streamCategories: [f.category] } });
    const seen: RecordedEvent[] = [];
    const reading = (async () => {
      for await (const event of subscription) if (seen.push(event) === 2) break;
    })();
    // The early append starts only once the late one holds its position (a fixed head start lost the race under load).
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const slow = slowAppend(f, 'late', 400, holding);
    await held;
    await store.append(f.stream('early'), [f.event('early')], 'any');
    await Promise.all([slow, reading]);
    expect(seen.map((e) => e.type)).to.deep.equal([f.type('late'), f.type('early')]);
    expect(seen[0]!.position).to.be.below(seen[1]!.position);
  });

  it('with concurrent writers, every live subscriber sees the whole log in position order, none skipped', async () => {
    const f = new ContractFixture();
    const start = await f.mark(store);
    const writers = 6;
    const perWriter = 25;
    const readers = [0, 1, 2].map(() => store.subscribeToAll({ after: start, filter: { streamCategories: [f.category] } }));
    const total = writers * perWriter;
    const reading = readers.map(async (subscription) => {
      const positions: number[] = [];
      for await (const event of subscription) if (positions.push(event.position) === total) break;
      return positions;
    });
    await Promise.all(Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < perWriter; i++) {
        if (i % 5 === 0) await slowAppend(f, `w${w}`, 5 + ((w * 7 + i) % 20));
        else await store.append(f.stream(`w${w}`), [f.event(`w${w}`)], 'any');
      }
    }));
    const all: number[] = [];
    for await (const event of store.readAll({ after: start, filter: { streamCategories: [f.category] } })) all.push(event.position);
    expect(all).to.have.length(total);
    for (const positions of await Promise.all(reading)) expect(positions).to.deep.equal(all);
  });
});
