import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import { collect, ContractFixture, ids } from './contract-fixture.js';

type GetStore = () => EventStore;

/** Events a store reads at once where it reads by pages (the SQL stores), as its registration gave it. */
export type GetPageSize = () => number;

const revisions = (events: readonly { revision: number }[]): number[] => events.map((e) => e.revision);
const range = (from: number, to: number): number[] => {
  const step = from <= to ? 1 : -1;
  return Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => from + i * step);
};

/**
 * Reads longer than a page: the cursor a store moves from one page to the next (forwards and backwards in a
 * stream, forwards in the log, with and without a filter) must neither repeat nor skip an event at a page's edge.
 * Each read spans three pages or more, from the end, from a position inside a page and from one on a page's edge.
 */
export function pagedReadContract(getStore: GetStore, getPageSize: GetPageSize): void {
  describe('reads across pages', () => {
    const f = new ContractFixture();
    const stream = f.stream('long');
    let page = 0;
    let count = 0;
    let start = 0;
    const order: string[] = [];
    const kept: string[] = [];

    before(async () => {
      page = getPageSize();
      count = 3 * page + 2;
      start = await f.mark(getStore());
      // Batches that do not line up with pages, each followed by another stream's events: the stream's positions
      // have gaps, the log's pages hold events of both.
      const batch = Math.max(1, Math.floor(page * 0.7));
      for (let written = 0; written < count; written += batch) {
        const events = Array.from({ length: Math.min(batch, count - written) }, (_, i) => f.event((written + i) % 3 === 0 ? 'kept' : 'dropped', { i: written + i }));
        await getStore().append(stream, events, written === 0 ? 'no_stream' : written - 1);
        const others = [f.event('other', { after: written })];
        await getStore().append(f.stream('beside'), others, 'any');
        order.push(...ids(events), ...ids(others));
        kept.push(...ids(events.filter((e) => e.type === f.type('kept'))));
      }
    });

    it('reads a stream forwards, every revision once', async () => {
      expect(revisions(await collect(getStore().readStream(stream)))).to.deep.equal(range(0, count - 1));
    });

    it('reads a stream backwards from the end, every revision once', async () => {
      const events = await collect(getStore().readStream(stream, { direction: 'backwards' }));
      expect(revisions(events)).to.deep.equal(range(count - 1, 0));
      expect(new Set(ids(events)).size).to.equal(count);
    });

    it('reads a stream backwards from a revision inside a page and from one on a page edge', async () => {
      const inside = 2 * page + Math.floor(page / 2);
      expect(revisions(await collect(getStore().readStream(stream, { direction: 'backwards', fromRevision: inside })))).to.deep.equal(range(inside, 0));
      const edge = 3 * page - 1;
      expect(revisions(await collect(getStore().readStream(stream, { direction: 'backwards', fromRevision: edge })))).to.deep.equal(range(edge, 0));
    });

    it('reads a stream backwards at most maxCount events over several pages', async () => {
      const from = count - 2;
      const some = await collect(getStore().readStream(stream, { direction: 'backwards', fromRevision: from, maxCount: 2 * page + 1 }));
      expect(revisions(some)).to.deep.equal(range(from, from - 2 * page));
      const whole = await collect(getStore().readStream(stream, { direction: 'backwards', maxCount: 2 * page }));
      expect(revisions(whole)).to.deep.equal(range(count - 1, count - 2 * page));
    });

    it('reads a stream backwards from beyond its end as from its end', async () => {
      expect(revisions(await collect(getStore().readStream(stream, { direction: 'backwards', fromRevision: count + 5 })))).to.deep.equal(range(count - 1, 0));
    });

    it('reads the log forwards over several pages, and from a position in the middle', async () => {
      const events = await collect(getStore().readAll({ after: start }), (e) => f.ours(e));
      expect(ids(events)).to.deep.equal(order);
      const middle = events[page + 1]!.position;
      expect(ids(await collect(getStore().readAll({ after: middle }), (e) => f.ours(e)))).to.deep.equal(order.slice(page + 2));
    });

    it('reads the log with a filter over several pages, counting maxCount after it', async () => {
      const filter = { streamCategories: [f.category], eventTypes: [f.type('kept')] };
      expect(ids(await collect(getStore().readAll({ after: start, filter })))).to.deep.equal(kept);
      expect(kept.length).to.be.above(page);
      expect(ids(await collect(getStore().readAll({ after: start, filter, maxCount: page + 1 })))).to.deep.equal(kept.slice(0, page + 1));
    });
  });
}
