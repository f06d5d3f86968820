import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SqliteEventStore } from '#eventstore';
import { type Principal } from '#platform';
import { openReadModelDatabase, sqliteReader } from '#projections';
import { feedAccountsProjection } from '../../../worker/src/feed-accounts.projection.js';
import { HistoryWriter, seeded } from '../../../../test/bench/rebuild.bench-history.js';
import { FeedIndex } from './feed-index.js';
import { FeedReader } from './feed-reader.js';

/**
 * The property of the feed's tenant index: for any client, any page size and any point the index has reached, the
 * pages from the index (then the log after its checkpoint) hold exactly the events the scan of the whole log gives
 * that client, in order, each once. Histories from the deciders, several accounts interleaved month by month.
 */
describe('FeedReader with the feed-accounts index (SQLite)', function () {
  this.timeout(120_000);
  let store: SqliteEventStore;
  let positions: number[];
  before(async () => {
    store = SqliteEventStore.open(join(mkdtempSync(join(tmpdir(), 'hb-feed-index-')), 'events.sqlite'), { writer: 'inline' });
    await new HistoryWriter(store).write({ accounts: 4, months: 3, ticketsPerMonth: 3, firstPeriod: '2030-01' });
    positions = [];
    for await (const event of store.readAll()) positions.push(event.position);
  });
  after(async () => await store?.close());

  /** The index as the projection leaves it after the log's first `upTo` events (its checkpoint then). */
  const indexUpTo = async (upTo: number) => {
    const db = openReadModelDatabase(join(mkdtempSync(join(tmpdir(), 'hb-feed-index-rm-')), 'read.sqlite'));
    const t = (name: string) => name;
    feedAccountsProjection.migrate(db, t);
    for await (const event of store.readAll()) {
      if (event.position > upTo) break;
      if (feedAccountsProjection.filter!.eventTypes!.includes(event.type)) feedAccountsProjection.apply(db, event, t);
    }
    return { db, index: new FeedIndex(() => sqliteReader(db), async () => upTo) };
  };

  const walk = async (reader: FeedReader, principal: Principal, limit: number) => {
    const ids: string[] = [];
    let after = 0;
    for (let page = 0; page < 10_000; page++) {
      const result = await reader.page(principal, after, limit);
      ids.push(...result.events.map((e) => e.id));
      if (result.next !== 0) expect(await store.isPosition(result.next), `next ${result.next} is a position to resume after`).to.equal(true);
      after = result.next;
      if (result.caughtUp) return ids;
    }
    throw new Error('the walk did not end');
  };

  it('gives every client the same events as the scan, wherever the index stands and whatever the page size', async () => {
    const random = seeded(16);
    const scan = new FeedReader(store);
    const clients = [['acc0'], ['acc1'], ['acc2', 'acc3'], ['acc9']].map((accounts, i): Principal => ({ role: 'client', sub: `client-${i}`, accounts }));
    let compared = 0;
    for (let round = 0; round < 12; round++) {
      const upTo = round === 0 ? positions.at(-1)! : round === 1 ? 0 : positions[Math.floor(random() * positions.length)]!;
      const { db, index } = await indexUpTo(upTo);
      const indexed = new FeedReader(store, () => {}, index);
      for (const principal of clients) {
        const limit = 1 + Math.floor(random() * 40);
        const expected = await walk(scan, principal, limit);
        expect(await walk(indexed, principal, limit), `index up to ${upTo}, limit ${limit}, ${principal.accounts.join(',')}`).to.deep.equal(expected);
        compared += expected.length;
      }
      db.close();
    }
    expect(compared).to.be.above(1000);
  });
});
