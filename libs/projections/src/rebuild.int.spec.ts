import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import { readModelHash, tableHash } from './content-hash.js';
import type { Db } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { RebuildFailedError } from './replay.js';
import { backends, counts, countsProjection, event, readModelDb, waitFor } from './spec-fixtures.js';
import type { RebuildProgress } from './status.js';

const tablesNamed = (db: Db, prefix: string): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE ? ORDER BY name").all(`${prefix}%`) as { name: string }[]).map((r) => r.name);

/** A seeded scenario: streams in two categories, a few event types, appended 15 at a time (fsyncs are slow). */
const appendScenario = async (store: EventStore, count: number, seed: number) => {
  let x = seed;
  const random = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < count; i += 15) {
    const stream = `${random() < 0.8 ? 'counter' : 'other'}-${Math.floor(random() * 20)}`;
    const events = Array.from({ length: 15 }, (_, j) => event(random() < 0.5 ? 'test.counted.v1' : 'test.added.v1', { i: i + j }));
    await store.append(stream, events, 'any');
  }
};

for (const [backend, openStore] of backends) {
  describe(`rebuild on the ${backend}`, () => {
    let store: EventStore;
    let db: Db;
    let runner: ProjectionRunner;
    const projection = countsProjection();
    beforeEach(async () => {
      store = openStore();
      db = readModelDb();
      await appendScenario(store, 1500, 42);
      runner = new ProjectionRunner(projection, store, db, { rebuildBatchSize: 100 });
      await runner.start();
      await waitFor(async () => (await runner.status()).position === 1500);
    });
    afterEach(async () => {
      await runner.stop();
      await store.close();
      db.close();
    });

    describe('of a live projection', () => {
      it('reproduces the live read model exactly in a new generation and drops the old one', async () => {
        const live = readModelHash(db, projection);
        await runner.rebuild();
        expect(readModelHash(db, projection)).to.equal(live);
        expect((await runner.status()).generation).to.equal(2);
        expect(tablesNamed(db, 'counts__')).to.deep.equal(['counts__g2']);
      });

      it('lets readers see the old generation until the swap', async () => {
        const live = readModelHash(db, projection);
        const reader = new Database(db.name, { readonly: true });
        const seenMidway: { visible: string; building: string }[] = [];
        await runner.rebuild(() => {
          if (seenMidway.length === 0) seenMidway.push({ visible: tableHash(reader, 'counts'), building: tableHash(db, 'counts__g2') });
        });
        expect(seenMidway[0]!.visible).to.equal(tableHash(db, 'counts__g2'));
        expect(seenMidway[0]!.building).to.not.equal(seenMidway[0]!.visible);
        expect(readModelHash(reader, projection)).to.equal(live);
        reader.close();
      });

      it('reports progress up to the head with a rate and an ETA', async () => {
        const progress: RebuildProgress[] = [];
        await runner.rebuild((p) => progress.push(p));
        expect(progress.length).to.be.greaterThan(10);
        expect(progress.at(-1)).to.include({ done: 1500, total: 1500, etaSeconds: 0 });
        expect(progress.at(-1)!.eventsPerSecond).to.be.greaterThan(0);
      });

      it('reads only the events its filter takes, and still ends with the checkpoint at the head', async () => {
        await store.append('other-1', [event(), event()], 'any');
        await waitFor(async () => (await runner.status()).position === 1502);
        const progress: RebuildProgress[] = [];
        await runner.rebuild((p) => progress.push(p));
        const consumed = Object.values(counts(db)).reduce((sum, n) => sum + n, 0);
        expect(consumed).to.be.within(1000, 1400);
        expect(progress.at(-1)).to.include({ done: 1502, total: 1502, applied: consumed });
        expect(await runner.status()).to.include({ position: 1502, lag: 0 });
      });

      it('includes events appended while it runs, then continues live', async () => {
        let appended = false;
        await runner.rebuild(() => {
          if (!appended) void store.append('counter-77', [event()], 'any');
          appended = true;
        });
        await store.append('counter-77', [event()], 'any');
        await waitFor(() => counts(db)['counter-77'] === 2);
        expect((await runner.status()).state).to.equal('live');
      });
    });

    describe('when an event fails during the replay', () => {
      it('keeps the live generation and leaves no half-built tables', async () => {
        const live = readModelHash(db, projection);
        await store.append('counter-1', [event('test.poison.v1')], 'any');
        await waitFor(async () => (await runner.status()).state === 'parked');
        let error: unknown;
        await runner.rebuild().catch((e: unknown) => (error = e));
        expect(error).to.be.instanceOf(RebuildFailedError);
        expect(readModelHash(db, projection)).to.equal(live);
        expect(tablesNamed(db, 'counts__')).to.deep.equal(['counts__g1']);
      });
    });

    describe('when the projection version changes', () => {
      it('rebuilds on start into a new generation with the same content', async () => {
        const live = readModelHash(db, projection);
        await runner.stop();
        runner = new ProjectionRunner(countsProjection(() => true, 2), store, db);
        await runner.start();
        expect(await runner.status()).to.include({ version: 2, generation: 2, position: 1500 });
        expect(readModelHash(db, projection)).to.equal(live);
      });
    });
  });
}
