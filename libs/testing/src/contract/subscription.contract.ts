import { expect } from 'chai';
import type { NewEvent, RecordedEvent } from '#kernel';
import type { EventStore } from '#eventstore';
import { collect, ContractFixture, ids, readUntil } from './contract-fixture.js';

type GetStore = () => EventStore;

const isType = (type: string) => (event: RecordedEvent) => event.type === type;

async function appendInTurns(store: EventStore, f: ContractFixture, batches: number, into: NewEvent[]) {
  for (let i = 0; i < batches; i++) {
    const batch = f.events(1 + (i % 3));
    into.push(...batch);
    await store.append(f.stream(`live${i % 2}`), batch, 'any');
    await new Promise((resolve) => setTimeout(resolve, i % 4 === 0 ? 5 : 0));
  }
}

export function subscriptionContract(getStore: GetStore): void {
  describe('subscribeToAll', () => {
    it('catches up from a checkpoint, then goes live with no gap and no duplicate', async () => {
      const f = new ContractFixture();
      const start = await f.mark(getStore());
      const written = f.events(5);
      await getStore().append(f.stream('a'), written.slice(0, 2), 'any');
      await getStore().append(f.stream('b'), written.slice(2), 'any');
      const subscription = getStore().subscribeToAll({ after: start, filter: { streamCategories: [f.category] } });
      const reading = readUntil(subscription, isType(f.type('end')), (e) => !isType(f.type('end'))(e));
      await appendInTurns(getStore(), f, 20, written);
      await getStore().append(f.stream('a'), [f.event('end')], 'any');
      expect(ids(await reading)).to.deep.equal(ids(written));
    });

    it('started mid-log delivers exactly the events after its checkpoint', async () => {
      const f = new ContractFixture();
      const start = await f.mark(getStore());
      const written = f.events(6);
      for (const event of written) await getStore().append(f.stream(`m${event.id.slice(0, 1)}`), [event], 'any');
      const stored = await collect(getStore().readAll({ after: start }), (e) => f.ours(e));
      const subscription = getStore().subscribeToAll({ after: stored[2]!.position, filter: { streamCategories: [f.category] } });
      const reading = readUntil(subscription, isType(f.type('end')), () => true);
      const live = f.event('end');
      await getStore().append(f.stream('m'), [live], 'any');
      expect(ids(await reading)).to.deep.equal([...ids(written.slice(3)), live.id]);
    });

    it('reports, when the store says it does, the positions a filter left out, up to the head, and keeps them while idle', async function () {
      if (!getStore().reportsFilteredPositions) {
        console.log('      skipped: this store does not report the positions its filter left out (consumers on it subscribe unfiltered)');
        return this.skip();
      }
      const f = new ContractFixture();
      const other = new ContractFixture();
      const start = await f.mark(getStore());
      await getStore().append(f.stream('p'), [f.event('kept')], 'any');
      const subscription = getStore().subscribeToAll({ after: start, filter: { streamCategories: [f.category] } });
      const iterator = subscription[Symbol.asyncIterator]();
      expect((await iterator.next()).value!.stream).to.equal(f.stream('p'));
      const waiting = iterator.next();
      for (let i = 0; i < 3; i++) await getStore().append(other.stream(`p${i}`), [other.event('left-out')], 'any');
      const head = (await getStore().status()).headPosition!;
      const until = Date.now() + 5000;
      while (subscription.progress?.().passed !== head && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(subscription.progress?.().passed, 'the head, passed').to.equal(head);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(subscription.progress?.().passed, 'still passed after polls found nothing').to.equal(head);
      await subscription.close();
      await waiting.catch(() => undefined);
    });

    it('filters by stream category', async () => {
      const f = new ContractFixture();
      const other = new ContractFixture();
      const start = await f.mark(getStore());
      const wanted: NewEvent[] = [];
      for (let i = 0; i < 4; i++) {
        wanted.push(...(await appendOne(getStore(), f, `s${i}`)));
        await appendOne(getStore(), other, `s${i}`);
      }
      const subscription = getStore().subscribeToAll({ after: start, filter: { streamCategories: [f.category] } });
      const reading = readUntil(subscription, isType(f.type('end')), (e) => !isType(f.type('end'))(e));
      await getStore().append(other.stream('x'), [other.event('end')], 'any');
      await getStore().append(f.stream('x'), [f.event('end')], 'any');
      expect(ids(await reading)).to.deep.equal(ids(wanted));
    });

    it('filters by event type', async () => {
      const f = new ContractFixture();
      const start = await f.mark(getStore());
      const wanted: NewEvent[] = [];
      for (let i = 0; i < 4; i++) {
        const [kept, dropped] = [f.event('kept', { i }), f.event('dropped', { i })];
        wanted.push(kept);
        await getStore().append(f.stream(`t${i % 2}`), i % 2 ? [kept, dropped] : [dropped, kept], 'any');
      }
      const filter = { eventTypes: [f.type('kept'), f.type('end')] };
      const subscription = getStore().subscribeToAll({ after: start, filter });
      const reading = readUntil(subscription, isType(f.type('end')), isType(f.type('kept')));
      await getStore().append(f.stream('t0'), [f.event('dropped'), f.event('end')], 'any');
      expect(ids(await reading)).to.deep.equal(ids(wanted));
    });

    it('filters by category and type together', async () => {
      const f = new ContractFixture();
      const other = new ContractFixture();
      const start = await f.mark(getStore());
      const kept = f.event('kept');
      await getStore().append(other.stream('o'), [other.event('kept')], 'any');
      await getStore().append(f.stream('c'), [f.event('dropped'), kept], 'any');
      const filter = { streamCategories: [f.category], eventTypes: [f.type('kept'), f.type('end')] };
      const subscription = getStore().subscribeToAll({ after: start, filter });
      const reading = readUntil(subscription, isType(f.type('end')), () => true);
      const end = f.event('end');
      await getStore().append(f.stream('c'), [end], 'any');
      expect(ids(await reading)).to.deep.equal([kept.id, end.id]);
    });

    it('a subscriber restarted from its checkpoint receives exactly what it had not processed', async () => {
      const f = new ContractFixture();
      const start = await f.mark(getStore());
      const written = f.events(7);
      for (let i = 0; i < written.length; i += 2) await getStore().append(f.stream(`r${i % 3}`), written.slice(i, i + 2), 'any');
      let checkpoint = start;
      const firstRun = getStore().subscribeToAll({ after: checkpoint, filter: { streamCategories: [f.category] } });
      const processed = await readUntil(firstRun, (e) => e.id === written[3]!.id, () => true);
      checkpoint = processed[processed.length - 1]!.position;
      const later = f.events(3);
      await getStore().append(f.stream('r9'), later, 'any');
      const secondRun = getStore().subscribeToAll({ after: checkpoint, filter: { streamCategories: [f.category] } });
      const rest = await readUntil(secondRun, (e) => e.id === later[2]!.id, () => true);
      expect(ids(processed)).to.deep.equal(ids(written.slice(0, 4)));
      expect(ids(rest)).to.deep.equal([...ids(written.slice(4)), ...ids(later)]);
    });

    it('close() ends a live iteration promptly', async () => {
      const f = new ContractFixture();
      const start = await f.mark(getStore());
      const subscription = getStore().subscribeToAll({ after: start, filter: { streamCategories: [f.category] } });
      const ended = (async () => {
        for await (const _ of subscription) void _;
        return Date.now();
      })();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const closedAt = Date.now();
      await subscription.close();
      expect((await ended) - closedAt).to.be.below(1000);
    });
  });
}

async function appendOne(store: EventStore, f: ContractFixture, name: string): Promise<NewEvent[]> {
  const batch = [f.event('happened', { name })];
  await store.append(f.stream(name), batch, 'any');
  return batch;
}
