import { expect } from 'chai';
import { collect } from '../contract/contract-fixture.js';
import { eventually, RunnersOnStore, type FaultyStoreUnderTest } from './fault-fixture.js';

export type { FaultyStoreUnderTest };

/** Positions no store may accept, whatever it counts in. */
const NEVER_POSITIONS = [-1, 0.5, Number.NaN, Number.MAX_SAFE_INTEGER];

/**
 * What every EventStore must survive, proven with the real projection and reactor runners on top: subscriptions
 * dropped mid-stream (the runners resubscribe from their checkpoints and apply what comes next within seconds),
 * positions that are not records (refused), poison events (parked, the rest waiting, moved past by an operator).
 * A store adds its own faults through the optional hooks; the suite skips, visibly, what a store cannot suffer.
 */
export function eventStoreFaultSuite(name: string, makeStore: () => Promise<FaultyStoreUnderTest>): void {
  describe(`EventStore faults: ${name}`, function () {
    this.timeout(30_000);
    let underTest: FaultyStoreUnderTest | undefined;
    let runners: RunnersOnStore | undefined;
    const faulty = (): FaultyStoreUnderTest => underTest ?? (() => { throw new Error('store not ready'); })();
    const start = async () => (runners = await new RunnersOnStore(faulty().store).start());

    before(async () => (underTest = await makeStore()));
    after(async () => await underTest?.cleanup());
    afterEach(async () => {
      await runners?.stop();
      runners = undefined;
    });

    it('a projection and a reactor whose subscriptions are dropped mid-stream apply the next events within seconds, each once', async () => {
      const r = await start();
      const { store } = faulty();
      for (let i = 0; i < 10; i++) await store.append(r.f.stream(`s${i % 3}`), r.f.events(5), 'any');
      await faulty().dropSubscriptions();
      for (let i = 0; i < 10; i++) await store.append(r.f.stream(`s${i % 3}`), r.f.events(5), 'any');
      await eventually(async () => (await r.projection.status()).resubscriptions > 0, 'the projection resubscribed');
      await faulty().dropSubscriptions();
      await store.append(r.f.stream('last'), r.f.events(10), 'any');
      const took = await eventually(() => r.counted() === 110 && r.reactor.effects.size === 110, 'every event applied after the drops');
      expect(took, 'ms from the last append to everything applied').to.be.below(5000);
      console.log(`      every event applied ${Math.round(took)} ms after the last append, through two drops`);
      expect(r.counted()).to.equal(110);
      expect(new Set(r.reactor.deliveries).size).to.equal(110);
      const status = await r.admin.status();
      expect(status.consumers.map((c) => c.resubscriptions).every((n) => n >= 1), JSON.stringify(status.consumers)).to.equal(true);
    });

    it('runners retry with backoff through an outage and go on when the store is back', async function () {
      if (!faulty().outage) return skip(this, 'this store has no outage to inject');
      const r = await start();
      const { store } = faulty();
      await store.append(r.f.stream('before'), r.f.events(5), 'any');
      await eventually(() => r.counted() === 5, 'the events before the outage applied');
      await faulty().outage!(1500);
      await store.append(r.f.stream('after'), r.f.events(5), 'any');
      await eventually(() => r.counted() === 10 && r.reactor.effects.size === 10, 'the events after the outage applied');
      const status = await r.projection.status();
      expect(status.resubscriptions).to.be.at.least(1);
      expect(status.lastError).to.not.equal(null);
    });

    it('knows its own positions and refuses every other', async () => {
      const { store } = faulty();
      const r = new RunnersOnStore(store);
      await store.append(r.f.stream('p'), r.f.events(3), 'no_stream');
      const written = await collect(store.readStream(r.f.stream('p')));
      for (const event of written) expect(await store.isPosition(event.position), `position ${event.position}`).to.equal(true);
      const head = (await store.status()).headPosition!;
      expect(await store.isPosition(head), 'the head').to.equal(true);
      for (const position of [...NEVER_POSITIONS, ...(await faulty().invalidPositions())]) {
        expect(await store.isPosition(position), `position ${position}`).to.equal(false);
      }
      await r.stop();
    });

    it('a poison event is parked by the projection and the reactor, the events after it wait, and a skip moves on', async () => {
      const r = await start();
      const { store } = faulty();
      await store.append(r.f.stream('a'), r.f.events(2), 'any');
      const [poison] = [r.f.event('happened', { poison: true })];
      await store.append(r.f.stream('a'), [poison!], 'any');
      await store.append(r.f.stream('a'), r.f.events(2), 'any');
      await expectParked(r, poison!.id, /poison event/);
      expect(r.counted()).to.equal(2);
      await skipParked(r);
      await eventually(() => r.counted() === 4 && r.reactor.effects.size === 4, 'the events after the skipped one applied');
    });

    it('an event whose payload cannot be decoded is parked like any poison event, not a failure of the whole subscription', async function () {
      if (!faulty().writeUndecodable) return skip(this, 'this store has no way to hold an undecodable event');
      const r = await start();
      const { store } = faulty();
      await store.append(r.f.stream('b'), r.f.events(2), 'any');
      await faulty().writeUndecodable!(r.f.stream('b'), r.f.type('happened'));
      await store.append(r.f.stream('b'), r.f.events(2), 'any');
      const parked = await expectParked(r, undefined, /cannot be decoded/);
      expect(parked.reactorAttempts, 'a hopeless event is not retried').to.equal(1);
      expect(r.counted()).to.equal(2);
      expect((await faulty().store.status()).ok, 'the store stays healthy').to.equal(true);
      await skipParked(r);
      await eventually(() => r.counted() === 4, 'the events after the undecodable one applied');
    });

    it('checkpoints reach a head made of records the port does not show', async function () {
      if (!faulty().writeHiddenRecords) return skip(this, 'this store has no records the port does not show');
      const r = await start();
      const { store } = faulty();
      await store.append(r.f.stream('c'), r.f.events(3), 'any');
      await eventually(() => r.counted() === 3, 'the events applied');
      const lastEvent = (await collect(store.readStream(r.f.stream('c'), { direction: 'backwards', maxCount: 1 })))[0]!.position;
      await faulty().writeHiddenRecords!(150);
      const head = (await store.status()).headPosition!;
      expect(head, 'the head is after the hidden records').to.be.above(lastEvent);
      await eventually(async () => (await r.admin.status()).consumers.every((c) => c.position === head && c.state === 'live' && c.lag === 0), 'every consumer at the head');
    });
  });
}

async function expectParked(r: RunnersOnStore, eventId: string | undefined, error: RegExp) {
  await eventually(async () => (await r.admin.status()).consumers.every((c) => c.state === 'parked'), 'both consumers parked');
  const consumers = (await r.admin.status()).consumers;
  for (const consumer of consumers) {
    expect(consumer.parked!.error, consumer.name).to.match(error);
    if (eventId) expect(consumer.parked!.eventId).to.equal(eventId);
    expect(consumer.lag, `${consumer.name}: the events after it wait`).to.be.at.least(3);
  }
  return { reactorAttempts: consumers.find((c) => c.kind === 'reactor')!.parked!.attempts };
}

async function skipParked(r: RunnersOnStore): Promise<void> {
  for (const consumer of (await r.admin.status()).consumers) await r.admin.skip(consumer.name, consumer.parked!.position, 'fault-suite', 'test skip');
}

function skip(test: Mocha.Context, why: string): void {
  console.log(`      skipped: ${why}`);
  test.skip();
}

