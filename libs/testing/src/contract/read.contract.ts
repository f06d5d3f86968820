import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import { collect, ContractFixture, ids } from './contract-fixture.js';

type GetStore = () => EventStore;

export function readContract(getStore: GetStore): void {
  describe('readStream', () => {
    const f = new ContractFixture();
    const stream = f.stream('s');
    const written = f.events(7);

    before(async () => {
      await getStore().append(stream, written.slice(0, 3), 'no_stream');
      await getStore().append(f.stream('other'), f.events(2), 'no_stream');
      await getStore().append(stream, written.slice(3), 2);
    });

    it('reads forwards from the start with the envelope as written', async () => {
      const events = await collect(getStore().readStream(stream));
      expect(ids(events)).to.deep.equal(ids(written));
      expect(events.map((e) => e.revision)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
      const [first] = events;
      expect(first).to.deep.include({ stream, type: written[0]!.type, data: written[0]!.data });
      // A store may add to the metadata (a sealing store adds the event's seal); what was written comes back.
      expect(first!.metadata).to.deep.include(written[0]!.metadata);
      expect(first!.recordedAt).to.match(/^\d{4}-\d\d-\d\dT/);
    });

    it('reads forwards from a revision, at most maxCount events', async () => {
      const events = await collect(getStore().readStream(stream, { fromRevision: 2, maxCount: 3 }));
      expect(events.map((e) => e.revision)).to.deep.equal([2, 3, 4]);
    });

    it('reads backwards from the end and from a revision', async () => {
      const all = await collect(getStore().readStream(stream, { direction: 'backwards' }));
      expect(all.map((e) => e.revision)).to.deep.equal([6, 5, 4, 3, 2, 1, 0]);
      const some = await collect(getStore().readStream(stream, { direction: 'backwards', fromRevision: 4, maxCount: 2 }));
      expect(some.map((e) => e.revision)).to.deep.equal([4, 3]);
    });

    it('positions within a stream grow with revisions', async () => {
      const positions = (await collect(getStore().readStream(stream))).map((e) => e.position);
      expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).to.equal(positions.length);
    });

    it('a missing stream reads as empty', async () => {
      expect(await collect(getStore().readStream(f.stream('missing')))).to.deep.equal([]);
    });
  });

  describe('readAll', () => {
    const f = new ContractFixture();
    let start = 0;
    const order: string[] = [];

    before(async () => {
      start = await f.mark(getStore());
      for (const [name, count] of [['x', 2], ['y', 1], ['x', 3], ['z', 2], ['y', 1]] as const) {
        const batch = f.events(count);
        await getStore().append(f.stream(name), batch, 'any');
        order.push(...ids(batch));
      }
    });

    it('reads every stream in global order after a position', async () => {
      const events = await collect(getStore().readAll({ after: start }), (e) => f.ours(e));
      expect(ids(events)).to.deep.equal(order);
      const positions = events.map((e) => e.position);
      positions.forEach((p, i) => expect(p).to.be.above(i === 0 ? start : positions[i - 1]!));
    });

    it('reads from a position in the middle, exclusively', async () => {
      const events = await collect(getStore().readAll({ after: start }), (e) => f.ours(e));
      const middle = events[3]!.position;
      const rest = await collect(getStore().readAll({ after: middle }), (e) => f.ours(e));
      expect(ids(rest)).to.deep.equal(order.slice(4));
    });

    it('stops after maxCount events', async () => {
      const events = await collect(getStore().readAll({ after: start, maxCount: 4 }));
      expect(events).to.have.length(4);
      events.forEach((e) => expect(e.position).to.be.above(start));
    });

    it('reads from the very start without a position', async () => {
      const [first] = await collect(getStore().readAll({ maxCount: 1 }));
      expect(first!.position).to.be.at.most(start);
    });
  });

  describe('readAll with a filter', () => {
    const f = new ContractFixture();
    const other = new ContractFixture();
    let start = 0;
    const kept: string[] = [];
    const ofCategory: string[] = [];

    before(async () => {
      start = await f.mark(getStore());
      for (let i = 0; i < 3; i++) {
        const mine = [f.event('kept', { i }), f.event('dropped', { i })];
        await getStore().append(f.stream(`s${i}`), i % 2 ? mine : mine.reverse(), 'any');
        await getStore().append(other.stream(`s${i}`), [other.event('kept', { i })], 'any');
        kept.push(mine.find((e) => e.type === f.type('kept'))!.id);
        ofCategory.push(...ids(mine));
      }
    });

    it('reads only the streams of the categories asked for', async () => {
      const events = await collect(getStore().readAll({ after: start, filter: { streamCategories: [f.category] } }));
      expect(ids(events)).to.deep.equal(ofCategory);
    });

    it('reads only the event types asked for', async () => {
      const events = await collect(getStore().readAll({ after: start, filter: { eventTypes: [f.type('kept'), other.type('kept')] } }));
      expect(events.filter((e) => f.ours(e) || other.ours(e)).map((e) => e.type)).to.deep.equal(
        [0, 1, 2].flatMap(() => [f.type('kept'), other.type('kept')]),
      );
      expect(ids(events.filter((e) => f.ours(e)))).to.deep.equal(kept);
    });

    it('takes categories and types together, and counts maxCount after the filter', async () => {
      const filter = { streamCategories: [f.category], eventTypes: [f.type('kept')] };
      expect(ids(await collect(getStore().readAll({ after: start, filter })))).to.deep.equal(kept);
      expect(ids(await collect(getStore().readAll({ after: start, filter, maxCount: 2 })))).to.deep.equal(kept.slice(0, 2));
    });
  });
}
