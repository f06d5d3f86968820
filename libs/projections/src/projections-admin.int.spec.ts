import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import type { EventStore } from '#eventstore';
import { deadlinesProjection } from './due-items.js';
import type { Db } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { ProjectionsAdmin } from './projections-admin.js';
import { ReactorRunner } from './reactor-runner.js';
import { Scheduler } from './scheduler.js';
import { appendMany, backends, countsProjection, event, readModelDb, waitFor } from './spec-fixtures.js';

for (const [backend, openStore] of backends) {
  describe(`ProjectionsAdmin on the ${backend}`, () => {
    let store: EventStore;
    let db: Db;
    let admin: ProjectionsAdmin;
    beforeEach(async () => {
      store = openStore();
      db = readModelDb();
      const clock = { now: () => Temporal.Instant.from('2025-01-01T00:00:00Z') };
      admin = new ProjectionsAdmin(
        store,
        [new ProjectionRunner(countsProjection(), store, db), new ProjectionRunner(deadlinesProjection({ version: 1, rules: [] }), store, db)],
        [new ReactorRunner({ name: 'noop', handle: async () => {} }, store, db)],
        new Scheduler(db, { clock, dispatch: async () => {} }),
      );
      await appendMany(store, 5);
      await store.append('counter-1', [event('test.poison.v1')], 'any');
      await admin.startAll();
    });
    afterEach(async () => {
      await admin.stopAll();
      await store.close();
      db.close();
    });

    describe('with a parked projection and healthy consumers', () => {
      it('reports each consumer as plain data, the parked one with its event', async () => {
        await waitFor(async () => (await admin.status()).consumers.every((c) => c.state === 'live' || c.state === 'parked'));
        const status = JSON.parse(JSON.stringify(await admin.status())) as Awaited<ReturnType<ProjectionsAdmin['status']>>;
        expect(status.headPosition).to.equal(6);
        expect(status.consumers.map((c) => [c.name, c.kind, c.state, c.lag])).to.deep.equal([
          ['counts', 'projection', 'parked', 1],
          ['deadlines', 'projection', 'live', 0],
          ['noop', 'reactor', 'live', 0],
        ]);
        expect(status.consumers[0]!.parked).to.include({ position: 6, eventType: 'test.poison.v1' });
        expect(status.scheduler).to.include({ pending: 0, nextDueAt: null });
      });

      it('skips by name and refuses an unknown name with UNKNOWN_PROJECTION', async () => {
        await waitFor(async () => (await admin.status()).consumers[0]!.state === 'parked');
        await admin.skip('counts', 6, 'manager-ana', 'test');
        await waitFor(async () => (await admin.status()).consumers[0]!.state === 'live');
        expect(() => admin.retry('nope')).to.throw().with.property('code', 'UNKNOWN_PROJECTION');
      });
    });
  });
}
