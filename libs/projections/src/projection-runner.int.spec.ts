import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import { ParkingLot } from './parking.js';
import type { Db } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { appendMany, backends, counts, countsProjection, event, readModelDb, waitFor } from './spec-fixtures.js';

for (const [backend, openStore] of backends) {
  describe(`ProjectionRunner on the ${backend}`, () => {
    let store: EventStore;
    let db: Db;
    let runner: ProjectionRunner | undefined;
    let poisonous = true;
    const startRunner = async (options = {}) => {
      runner = new ProjectionRunner(countsProjection(() => poisonous), store, db, { retryDelayMs: 10, ...options });
      await runner.start();
      return runner;
    };
    beforeEach(() => {
      store = openStore();
      db = readModelDb();
      poisonous = true;
    });
    afterEach(async () => {
      await runner?.stop();
      await store.close();
      db.close();
    });

    describe('when the checkpoint write fails inside the batch transaction', () => {
      it('commits neither rows nor checkpoint, then resumes without double counting', async () => {
        db.exec(`CREATE TEMP TRIGGER crash BEFORE UPDATE OF position ON projection_generations
                 BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
        await appendMany(store, 12);
        const r = await startRunner();
        await waitFor(async () => (await r.status()).lastError !== null);
        expect(counts(db)).to.deep.equal({});
        expect((await r.status()).position).to.equal(null);
        db.exec('DROP TRIGGER crash');
        await waitFor(async () => (await r.status()).position === 12);
        expect(counts(db)).to.deep.equal({ 'counter-1': 12 });
      });
    });

    describe('with events waiting and a batch size of 10', () => {
      it('commits them in batches of at most 10, each with its checkpoint', async () => {
        db.exec(`CREATE TEMP TABLE commits (position INTEGER);
                 CREATE TEMP TRIGGER log_commit AFTER UPDATE OF position ON projection_generations
                 BEGIN INSERT INTO commits VALUES (NEW.position); END`);
        await appendMany(store, 25);
        const r = await startRunner({ batchSize: 10, maxLatencyMs: 200 });
        await waitFor(async () => (await r.status()).position === 25);
        const positions = (db.prepare('SELECT position FROM commits').all() as { position: number }[]).map((c) => c.position);
        expect(positions).to.deep.equal([10, 20, 25]);
      });
    });

    describe('when live and a single event arrives', () => {
      it('commits it within the maximum latency without waiting for a full batch', async () => {
        const r = await startRunner({ batchSize: 1000, maxLatencyMs: 20 });
        await store.append('counter-9', [event()], 'any');
        const appendedAt = performance.now();
        await waitFor(() => counts(db)['counter-9'] === 1, 1000);
        expect(performance.now() - appendedAt).to.be.below(500);
        expect((await r.status()).state).to.equal('live');
      });
    });

    describe('with history before start', () => {
      it('catches up, reports live with no lag, then applies new events', async () => {
        await appendMany(store, 40, 'counter-1');
        await appendMany(store, 5, 'other-1');
        const r = await startRunner();
        await waitFor(async () => (await r.status()).state === 'live');
        expect(await r.status()).to.include({ position: 45, headPosition: 45, lag: 0 });
        await appendMany(store, 3, 'counter-2');
        await waitFor(() => counts(db)['counter-2'] === 3);
        expect(counts(db)).to.deep.equal({ 'counter-1': 40, 'counter-2': 3 });
      });
    });

    describe('when an event cannot be applied', () => {
      const parkAtSeven = async () => {
        await appendMany(store, 6);
        await store.append('counter-1', [event('test.poison.v1')], 'any');
        await appendMany(store, 3);
        const r = await startRunner({ batchSize: 100 });
        await waitFor(async () => (await r.status()).state === 'parked');
        return r;
      };

      it('commits the events before it, parks it and stops there', async () => {
        const status = await (await parkAtSeven()).status();
        expect(counts(db)).to.deep.equal({ 'counter-1': 6 });
        expect(status).to.include({ state: 'parked', position: 6, lag: 4 });
        expect(status.parked).to.include({ position: 7, eventType: 'test.poison.v1', attempts: 1 });
        expect(status.parked!.error).to.contain('cannot apply');
      });

      it('stays parked across a restart', async () => {
        await (await parkAtSeven()).stop();
        const status = await (await startRunner()).status();
        expect(status.state).to.equal('parked');
        expect(counts(db)).to.deep.equal({ 'counter-1': 6 });
      });

      it('parks it again on a retry that still fails, counting the attempts', async () => {
        const r = await parkAtSeven();
        await r.retry();
        await waitFor(async () => (await r.status()).parked?.attempts === 2);
        expect((await r.status()).state).to.equal('parked');
      });

      it('continues past it on a retry after the fix, and audits the retry', async () => {
        const r = await parkAtSeven();
        poisonous = false;
        await r.retry();
        await waitFor(async () => (await r.status()).position === 10);
        expect(counts(db)).to.deep.equal({ 'counter-1': 10 });
        expect((await r.status()).parked).to.equal(null);
        expect(new ParkingLot(db).audit('counts').map((a) => a.action)).to.deep.equal(['retried']);
      });

      it('moves on after an explicit skip, recording who skipped it and why', async () => {
        const r = await parkAtSeven();
        await r.skip(7, 'manager-ana', 'malformed import');
        await waitFor(async () => (await r.status()).position === 10);
        expect(counts(db)).to.deep.equal({ 'counter-1': 9 });
        const [audit] = new ParkingLot(db).audit('counts');
        expect(audit).to.include({ action: 'skipped', position: 7, actor: 'manager-ana', reason: 'malformed import' });
      });

      it('refuses to skip a position it is not parked at', async () => {
        const r = await parkAtSeven();
        let error: unknown;
        await r.skip(8, 'manager-ana', 'wrong one').catch((e: unknown) => (error = e));
        expect(String(error)).to.contain('not parked at position 8');
      });
    });
  });
}
