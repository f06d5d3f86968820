import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import type { Db, Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { appendMany, backends, counts, event, readModelDb, waitFor } from './spec-fixtures.js';

/** Counts per stream kept in memory by `apply` and written by `flush`; `flushes` records each flush's checkpoint. */
const bufferedCounts = (poisonous: () => boolean) => {
  const pending = new Map<string, number>();
  const flushes: (number | null)[] = [];
  const projection: Projection = {
    name: 'counts',
    version: 1,
    filter: { streamCategories: ['counter'] },
    tables: ['counts'],
    migrate: (db, t) => db.exec(`CREATE TABLE ${t('counts')} (stream TEXT PRIMARY KEY, n INTEGER NOT NULL, last INTEGER NOT NULL)`),
    apply: (_db, e) => {
      if (e.type === 'test.poison.v1' && poisonous()) throw new Error(`cannot apply ${e.id}`);
      pending.set(e.stream, (pending.get(e.stream) ?? 0) + 1);
    },
    flush: (db: Db, t) => {
      const row = db.prepare(`SELECT position FROM projection_generations WHERE projection = 'counts' AND active = 1`).get() as { position: number | null } | undefined;
      flushes.push(row?.position ?? null);
      for (const [stream, n] of pending) {
        db.prepare(`INSERT INTO ${t('counts')} (stream, n, last) VALUES (?, ?, 0) ON CONFLICT (stream) DO UPDATE SET n = n + excluded.n`).run(stream, n);
      }
      pending.clear();
    },
    discard: () => pending.clear(),
  };
  return { projection, flushes };
};

for (const [backend, openStore] of backends) {
  describe(`A projection that writes at the end of each batch, on the ${backend}`, () => {
    let store: EventStore;
    let db: Db;
    let runner: ProjectionRunner | undefined;
    let poisonous = true;
    let buffered: ReturnType<typeof bufferedCounts>;
    const startRunner = async (options = {}) => {
      runner = new ProjectionRunner(buffered.projection, store, db, { retryDelayMs: 10, ...options });
      await runner.start();
      return runner;
    };
    beforeEach(() => {
      store = openStore();
      db = readModelDb();
      poisonous = true;
      buffered = bufferedCounts(() => poisonous);
    });
    afterEach(async () => {
      await runner?.stop();
      await store.close();
      db.close();
    });

    it('is flushed once per batch, inside the batch transaction, before its checkpoint', async () => {
      await appendMany(store, 25);
      const r = await startRunner({ batchSize: 10, maxLatencyMs: 200 });
      await waitFor(async () => (await r.status()).position === 25);
      expect(counts(db)).to.deep.equal({ 'counter-1': 25 });
      expect(buffered.flushes).to.deep.equal([null, 10, 20]);
    });

    it('discards what a rolled-back batch kept: the events before a poison event count once', async () => {
      await appendMany(store, 6);
      await store.append('counter-1', [event('test.poison.v1')], 'any');
      await appendMany(store, 3);
      const r = await startRunner({ batchSize: 100 });
      await waitFor(async () => (await r.status()).state === 'parked');
      expect(counts(db)).to.deep.equal({ 'counter-1': 6 });
      poisonous = false;
      await r.retry();
      await waitFor(async () => (await r.status()).position === 10);
      expect(counts(db)).to.deep.equal({ 'counter-1': 10 });
    });

    it('discards what it kept when the checkpoint write fails, then resumes without double counting', async () => {
      db.exec(`CREATE TEMP TRIGGER crash BEFORE UPDATE OF position ON projection_generations
               BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
      await appendMany(store, 12);
      const r = await startRunner();
      await waitFor(async () => (await r.status()).lastError !== null);
      db.exec('DROP TRIGGER crash');
      await waitFor(async () => (await r.status()).position === 12);
      expect(counts(db)).to.deep.equal({ 'counter-1': 12 });
    });

    it('is flushed during a rebuild, which reproduces the same rows', async () => {
      await appendMany(store, 30, 'counter-1');
      await appendMany(store, 7, 'counter-2');
      const r = await startRunner();
      await waitFor(async () => (await r.status()).position === 37);
      await r.rebuild();
      expect(counts(db)).to.deep.equal({ 'counter-1': 30, 'counter-2': 7 });
    });
  });
}
