import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, settle, ticketBody } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

interface ListPage {
  items: { ticketId: string; accountId: string; openedAt: string; status: string }[];
  page?: number;
  size: number;
  total?: number;
  next?: string;
}

/**
 * GET /tickets by keyset (`after` = the `next` of the page before) and by offset (`page`): the same tickets in the
 * same order, each once, ties on the opening instant settled by ticket id, a client's scope kept on every page.
 * Runs again on PostgreSQL (test/postgres/e2e-on-postgres), where the list is read from the mirror.
 */
describe('ticket list pages by cursor and by offset', () => {
  let api: ApiHarness;
  let cast: Cast;
  const opened: string[] = [];

  const open = async (client: HttpClient, accountId: string) => {
    // Without numbering's wait: tickets opened at one test-clock instant share opened_at, which is what ties are.
    opened.push(created(await client.post('/tickets', ticketBody(accountId))).id);
  };

  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    for (let i = 0; i < 4; i++) await open(cast.clientA, cast.accountA);
    created(await cast.manager.post('/admin/clock', { now: '2030-06-04T12:01:00Z' }));
    for (let i = 0; i < 3; i++) await open(cast.clientA, cast.accountA);
    for (let i = 0; i < 2; i++) await open(cast.clientB, cast.accountB);
    created(await cast.manager.post('/admin/clock', { now: '2030-06-04T12:02:00Z' }));
    await open(cast.clientA, cast.accountA);
    await settle(cast.manager);
  });
  after(() => api?.close());

  const get = async (client: HttpClient, path: string): Promise<ListPage> => {
    const result = await client.get(path);
    expect(result.status, result.text).to.equal(200);
    return result.body as ListPage;
  };

  /** Every page by cursor from the first: the ids in order, and the pages as they came. */
  const byCursor = async (client: HttpClient, query: string, size: number) => {
    const pages: ListPage[] = [await get(client, `/tickets?${query}&size=${size}`)];
    while (pages.at(-1)!.next !== undefined) pages.push(await get(client, `/tickets?${query}&size=${size}&after=${encodeURIComponent(pages.at(-1)!.next!)}`));
    return { ids: pages.flatMap((p) => p.items.map((t) => t.ticketId)), pages };
  };

  const byOffset = async (client: HttpClient, query: string, size: number) => {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const body = await get(client, `/tickets?${query}&size=${size}&page=${page}`);
      ids.push(...body.items.map((t) => t.ticketId));
      if (body.items.length < size) return ids;
    }
  };

  it('walks the whole list by cursor in the order of one big page, each ticket once, ties settled by ticket id', async () => {
    const whole = await get(cast.agent, '/tickets?size=100');
    expect(whole.items).to.have.length(opened.length);
    expect(whole).to.include({ page: 1, total: opened.length });
    expect(whole.next).to.equal(undefined);
    const order = [...whole.items].sort((a, b) => (a.openedAt === b.openedAt ? (a.ticketId < b.ticketId ? -1 : 1) : a.openedAt < b.openedAt ? 1 : -1));
    expect(whole.items.map((t) => t.ticketId)).to.deep.equal(order.map((t) => t.ticketId));
    for (const size of [1, 2, 3, 4]) {
      const { ids, pages } = await byCursor(cast.agent, 'status=open', size);
      expect(ids, `size ${size}`).to.deep.equal(whole.items.map((t) => t.ticketId));
      expect(pages[0]).to.include({ page: 1, total: opened.length });
      for (const later of pages.slice(1)) expect(later).to.not.have.any.keys('page', 'total');
      expect(pages.at(-1)!.items.length).to.be.at.least(1);
    }
  });

  it('gives the same tickets by offset as by cursor, for each filter', async () => {
    for (const query of [`accountId=${cast.accountA}`, `accountId=${cast.accountA}&status=open`, 'category=support', `accountId=${cast.accountB}`]) {
      const { ids } = await byCursor(cast.agent, query, 3);
      expect(ids, query).to.deep.equal(await byOffset(cast.agent, query, 3));
      expect(ids.length, query).to.equal((await get(cast.agent, `/tickets?${query}&size=100`)).total);
    }
  });

  it('keeps a client to its own accounts on every page after a cursor', async () => {
    const own = await byCursor(cast.clientB, 'status=open', 1);
    expect(own.ids).to.have.length(2);
    expect(own.pages.flatMap((p) => p.items).every((t) => t.accountId === cast.accountB)).to.equal(true);
    // A cursor taken from client A's list gives client B nothing of client A's.
    const theirs = await get(cast.agent, `/tickets?accountId=${cast.accountA}&size=1`);
    const page = await get(cast.clientB, `/tickets?accountId=${cast.accountA}&size=10&after=${theirs.next}`);
    expect(page.items).to.deep.equal([]);
    expect(page.next).to.equal(undefined);
  });

  it('refuses a cursor that is not one (400 INVALID_CURSOR) and a page asked both ways', async () => {
    for (const after of ['garbage', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const result = await cast.agent.get(`/tickets?after=${after}`);
      expect(result.status, after).to.equal(400);
      expect(result.body.code).to.equal('INVALID_CURSOR');
      expect(result.headers.get('content-type')).to.match(/application\/problem\+json/);
    }
    const theirs = await get(cast.agent, '/tickets?size=1');
    expect((await cast.agent.get(`/tickets?page=2&after=${theirs.next}`)).status).to.equal(400);
    expect((await cast.agent.get(`/tickets?after=${'A'.repeat(201)}`)).status).to.equal(400);
  });
});
