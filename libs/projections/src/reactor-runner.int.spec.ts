import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { ParkingLot } from './parking.js';
import type { Db } from './projection.js';
import { type Reactor, ReactorRunner } from './reactor-runner.js';
import { appendMany, backends, readModelDb, waitFor } from './spec-fixtures.js';

/** Records every delivery; an idempotent effect keyed by event id; fails while `failures` says so. */
class RecordingReactor implements Reactor {
  readonly name = 'recorder';
  readonly filter = { streamCategories: ['counter'] };
  readonly deliveries: number[] = [];
  readonly effects = new Set<string>();
  constructor(private readonly failures: (event: RecordedEvent, attempt: number) => boolean) {}

  async handle(event: RecordedEvent): Promise<void> {
    this.deliveries.push(event.position);
    const attempt = this.deliveries.filter((p) => p === event.position).length;
    if (this.failures(event, attempt)) throw new Error(`downstream unavailable for ${event.position}`);
    this.effects.add(event.id);
  }
}

for (const [backend, openStore] of backends) {
  describe(`ReactorRunner on the ${backend}`, () => {
    let store: EventStore;
    let db: Db;
    let runner: ReactorRunner | undefined;
    const run = async (reactor: Reactor, maxAttempts = 3) => {
      runner = new ReactorRunner(reactor, store, db, { maxAttempts, backoffMs: 1, retryDelayMs: 10 });
      await runner.start();
      return runner;
    };
    beforeEach(() => {
      store = openStore();
      db = readModelDb();
    });
    afterEach(async () => {
      await runner?.stop();
      await store.close();
      db.close();
    });

    describe('with a handler that fails twice on one event', () => {
      it('redelivers it until it succeeds, and every effect happens once', async () => {
        await appendMany(store, 5);
        await appendMany(store, 2, 'other-1');
        const reactor = new RecordingReactor((e, attempt) => e.position === 3 && attempt <= 2);
        const r = await run(reactor);
        await waitFor(async () => (await r.status()).position === 7);
        expect(reactor.deliveries).to.deep.equal([1, 2, 3, 3, 3, 4, 5]);
        expect(reactor.effects.size).to.equal(5);
        expect((await r.status()).lastError!.message).to.contain('downstream unavailable for 3');
      });
    });

    describe('when saving the checkpoint fails after a handler succeeded', () => {
      it('resubscribes from the checkpoint and delivers that event again (at-least-once); the idempotent effect stays single', async () => {
        await appendMany(store, 2);
        db.exec(`CREATE TEMP TRIGGER crash BEFORE INSERT ON reactor_checkpoints
                 WHEN NEW.position = 2 BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`);
        const reactor = new RecordingReactor(() => false);
        const r = await run(reactor);
        await waitFor(() => reactor.deliveries.filter((p) => p === 2).length >= 2);
        const failing = await r.status();
        expect(failing.lastError!.message).to.contain('simulated crash');
        expect(failing.resubscriptions).to.be.at.least(1);
        db.exec('DROP TRIGGER crash');
        await waitFor(async () => (await r.status()).position === 2);
        expect(reactor.deliveries.slice(0, 2)).to.deep.equal([1, 2]);
        expect(new Set(reactor.deliveries)).to.deep.equal(new Set([1, 2]));
        expect(reactor.effects.size).to.equal(2);
        expect((await r.status()).state).to.equal('live');
      });
    });

    describe('after a restart', () => {
      it('delivers only the events after its checkpoint', async () => {
        await appendMany(store, 3);
        const first = new RecordingReactor(() => false);
        const r = await run(first);
        await waitFor(async () => (await r.status()).position === 3);
        await r.stop();
        await appendMany(store, 2);
        const second = new RecordingReactor(() => false);
        await run(second);
        await waitFor(() => second.deliveries.length === 2);
        expect(second.deliveries).to.deep.equal([4, 5]);
      });
    });

    describe('with a handler that keeps failing on one event', () => {
      it('parks it after the maximum attempts, stops there, and moves on after a retry once fixed', async () => {
        await appendMany(store, 4);
        let broken = true;
        const reactor = new RecordingReactor((e) => broken && e.position === 2);
        const r = await run(reactor, 3);
        await waitFor(async () => (await r.status()).state === 'parked');
        const status = await r.status();
        expect(status).to.include({ position: 1, lag: 3 });
        expect(status.parked).to.include({ position: 2, attempts: 3 });
        expect(reactor.deliveries).to.deep.equal([1, 2, 2, 2]);
        broken = false;
        await r.retry();
        await waitFor(async () => (await r.status()).position === 4);
        expect(reactor.effects.size).to.equal(4);
        expect(new ParkingLot(db).audit('recorder').map((a) => a.action)).to.deep.equal(['retried']);
      });

      it('moves past it on an audited skip without handling it', async () => {
        await appendMany(store, 3);
        const reactor = new RecordingReactor((e) => e.position === 2);
        const r = await run(reactor, 2);
        await waitFor(async () => (await r.status()).state === 'parked');
        await r.skip(2, 'manager-ana', 'duplicate import');
        await waitFor(async () => (await r.status()).position === 3);
        expect(reactor.effects.size).to.equal(2);
        expect(new ParkingLot(db).audit('recorder')[0]).to.include({ action: 'skipped', actor: 'manager-ana' });
      });
    });
  });
}
