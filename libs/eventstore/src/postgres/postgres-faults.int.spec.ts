import pg from 'pg';
import { createTestDatabase, eventStoreFaultSuite, testPostgresServer } from '#testing';
import { PostgresEventStore } from './postgres-event-store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one statement on the maintenance database of the test server. */
const admin = async (sql: string, values: unknown[] = []) => {
  const client = new pg.Client({ connectionString: (await testPostgresServer()).adminUrl });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
};

const terminateBackends = (database: string) =>
  admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);

eventStoreFaultSuite('PostgreSQL (connections killed on the server, the database refusing connections for a while)', async () => {
  const database = await createTestDatabase('hbfaults');
  const store = await PostgresEventStore.connect(database.url, { pollIntervalMs: 20 });
  return {
    store,
    dropSubscriptions: () => terminateBackends(database.name),
    outage: async (ms) => {
      await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS false`);
      await terminateBackends(database.name);
      await sleep(ms);
      await admin(`ALTER DATABASE ${database.name} ALLOW_CONNECTIONS true`);
    },
    invalidPositions: async () => {
      // A rolled-back append leaves its identity values unused: gaps inside the log.
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('BEGIN');
      const payload = JSON.stringify([{ id: 'rolled-back', type: 'faults.rolled-back.v1', data: {}, metadata: {} }]);
      const { rows } = await client.query('SELECT last_position FROM hb_append($1, $2, $3, $4, $5)', ['faults-gap', 'faults', 'any', payload, new Date().toISOString()]);
      await client.query('ROLLBACK');
      await client.end();
      const gap = Number(rows[0].last_position);
      await store.append('faults-after-gap', [{ id: crypto.randomUUID(), type: 'faults.after-gap.v1', data: {}, metadata: { actor: 't', correlationId: 'c', occurredAt: new Date().toISOString() } }], 'any');
      const head = (await store.status()).headPosition ?? 0;
      return [0, gap, head + 1, head + 1000];
    },
    cleanup: async () => (await store.close(), await database.drop()),
  };
});
