import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, settle, ticketBody } from './support/hour-bank-fixtures.js';

interface TimerPage {
  asOf: string;
  items: { ticketId: string; kind: string; status: string }[];
  page?: number;
  total?: number;
  next?: string;
}

/**
 * GET /sla/timers by keyset: a walk keeps the instant of its first page, so with ties on the opening instant and
 * time moving between pages it gives each timer once, in the order of one big page computed at that instant.
 */
describe('SLA timer pages by cursor', () => {
  let api: ApiHarness;
  let cast: Cast;

  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api, { now: '2030-06-03T12:00:00Z', firstPeriod: '2030-06' });
    for (let i = 0; i < 3; i++) created(await cast.clientA.post('/tickets', ticketBody(cast.accountA)));
    created(await cast.manager.post('/admin/clock', { now: '2030-06-03T12:01:00Z' }));
    for (let i = 0; i < 3; i++) created(await cast.clientA.post('/tickets', ticketBody(cast.accountA)));
    await settle(cast.manager);
  });
  after(() => api?.close());

  const get = async (path: string): Promise<TimerPage> => {
    const result = await cast.manager.get(path);
    expect(result.status, result.text).to.equal(200);
    return result.body as TimerPage;
  };

  it('walks every timer once, in one big page\'s order, while time moves past the due between pages', async () => {
    const whole = await get('/sla/timers?size=100&status=running');
    expect(whole.items).to.have.length(6);
    const pages = [await get('/sla/timers?size=2&status=running')];
    expect(pages[0]).to.include({ page: 1, total: 6 });
    // Past every first-response due: a walk computed at each page's now would find nothing running after page 1.
    created(await cast.manager.post('/admin/clock', { now: '2030-06-10T20:00:00Z' }));
    while (pages.at(-1)!.next !== undefined) pages.push(await get(`/sla/timers?size=2&status=running&after=${pages.at(-1)!.next}`));
    expect(pages.flatMap((p) => p.items.map((t) => `${t.ticketId} ${t.kind}`))).to.deep.equal(whole.items.map((t) => `${t.ticketId} ${t.kind}`));
    expect(pages).to.have.length(3);
    for (const later of pages.slice(1)) expect(later.asOf).to.equal(pages[0]!.asOf);
    for (const later of pages.slice(1)) expect(later).to.not.have.any.keys('page', 'total');
    expect((await get('/sla/timers?size=100&status=running')).items).to.have.length(0);
  });

  it('refuses a cursor it did not make, and page with after, with 400 INVALID_CURSOR', async () => {
    for (const path of ['/sla/timers?after=bm90LWEtY3Vyc29y', '/sla/timers?page=1&after=bm90LWEtY3Vyc29y']) {
      const result = await cast.manager.get(path);
      expect(result.status, path).to.equal(400);
      expect(result.body.code, path).to.equal('INVALID_CURSOR');
    }
  });
});
