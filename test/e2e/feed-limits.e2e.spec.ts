import { expect } from 'chai';
import { FeedStreams } from '../../apps/api/src/feed/event-stream.js';
import { ApiHarness } from './support/harness.js';
import { castOf, openTicket, settle, type Cast } from './support/hour-bank-fixtures.js';
import { events, readSse } from './feed-support/sse-reader.js';

const env = {
  HOURBANK_FEED_HEARTBEAT_SECONDS: '1',
  HOURBANK_FEED_MAX_STREAMS: '3',
  HOURBANK_FEED_MAX_STREAMS_PER_SUBJECT: '2',
  HOURBANK_FEED_MAX_CATCH_UP_EVENTS: '6',
};

describe('SSE feed limits: token expiry, caps, where a stream starts', function () {
  this.timeout(30_000);
  let api: ApiHarness;
  let cast: Cast;
  let head: number;
  let published: Array<{ position: number }>;
  const aborts: AbortController[] = [];
  const open = async (token: string, query = '') => {
    const abort = new AbortController();
    aborts.push(abort);
    return fetch(`${api.url}/feed/stream${query}`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  };
  const closeAll = async () => {
    aborts.splice(0).forEach((a) => a.abort());
    const streams = api.app.get(FeedStreams);
    for (let i = 0; i < 100 && streams.count > 0; i++) await new Promise((r) => setTimeout(r, 20));
  };

  before(async () => {
    api = await ApiHarness.start({ testClock: true, env });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    for (let i = 0; i < 8; i++) await openTicket(cast.clientA, cast.accountA);
    await settle(cast.manager);
    const page = (await cast.auditor.get('/feed?limit=500')).body;
    head = page.next;
    published = page.events;
    expect(published.length).to.be.greaterThan(Number(env.HOURBANK_FEED_MAX_CATCH_UP_EVENTS));
  });
  afterEach(closeAll);
  after(() => api?.close());

  it('closes a stream when its token expires, telling the client why', async () => {
    const token = await api.token('agent', { sub: 'short-lived', ttl: '2s' });
    const started = Date.now();
    const messages = await readSse(await open(token), () => false);
    expect(Date.now() - started).to.be.below(4_500);
    expect(messages.at(-1)).to.deep.include({ event: 'end', data: '{"reason":"token-expired"}' });
  });

  it('refuses a subject its third stream with 429, while another subject still gets one', async () => {
    const token = await api.token('agent', { sub: 'busy' });
    expect((await open(token)).status).to.equal(200);
    expect((await open(token)).status).to.equal(200);
    const third = await open(token);
    expect(third.status).to.equal(429);
    expect(third.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(third.headers.get('retry-after')).to.match(/^\d+$/);
    expect(((await third.json()) as { code: string }).code).to.equal('FEED_STREAM_LIMIT_REACHED');
    expect((await open(await api.token('agent', { sub: 'other' }))).status).to.equal(200);
  });

  it('refuses any stream past the overall cap with 503 until one closes', async () => {
    for (const sub of ['a', 'b', 'c']) expect((await open(await api.token('agent', { sub }))).status).to.equal(200);
    const full = await open(await api.token('agent', { sub: 'd' }));
    expect(full.status).to.equal(503);
    expect(((await full.json()) as { code: string }).code).to.equal('FEED_STREAMS_FULL');
    await closeAll();
    expect((await open(await api.token('agent', { sub: 'd' }))).status).to.equal(200);
  });

  it('starts at the head when no position is given: live events only, no scan of the past', async () => {
    const response = await open(await api.token('agent'));
    setTimeout(() => void openTicket(cast.clientA, cast.accountA), 300);
    const messages = await readSse(response, (m) => events(m).length >= 1);
    const [first] = events(messages);
    expect(first.type).to.equal('hourbank.ticket.opened.v1');
    expect(first.position).to.be.greaterThan(head);
  });

  it('catches up from a position near the head', async () => {
    const after = published.at(-4)!.position;
    const messages = await readSse(await open(await api.token('agent'), `?after=${after}`), (m) => events(m).length >= 1);
    expect(events(messages)[0].position).to.be.greaterThan(after);
  });

  it('refuses a position farther behind than the catch-up limit with 409, pointing to GET /feed', async () => {
    const response = await open(await api.token('agent'), '?after=0');
    expect(response.status).to.equal(409);
    const problem = (await response.json()) as { code: string; detail: string };
    expect(problem.code).to.equal('FEED_CURSOR_TOO_FAR_BEHIND');
    expect(problem.detail).to.contain('GET /feed?after=0');
  });
});
