import { expect } from 'chai';
import { DownstreamModule } from '../../apps/api/src/feed/downstream.module.js';
import { FeedStreams } from '../../apps/api/src/feed/event-stream.js';
import { ApiHarness } from './support/harness.js';
import { type Cast, settle } from './support/hour-bank-fixtures.js';
import { runDownstreamScenario } from './feed-support/scenario.js';
import { events, readSse } from './feed-support/sse-reader.js';

describe('GET /feed and GET /feed/stream', () => {
  let api: ApiHarness;
  let cast: Cast;
  let all: any[];
  before(async () => {
    api = await ApiHarness.start({ imports: [DownstreamModule], env: { HOURBANK_FEED_HEARTBEAT_SECONDS: '1' } });
    cast = await runDownstreamScenario(api);
    // Reactors and the scheduler (catching up the accounts' past monthly credits) append too: let them finish.
    await settle(cast.manager);
    all = (await cast.auditor.get('/feed?limit=500')).body.events;
  });
  after(async () => {
    await api?.close();
  });

  const sse = async (token: string, path: string, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, signal });

  it('gives staff every published event in global order, each with its position', () => {
    const positions = all.map((e) => e.position);
    expect(positions).to.deep.equal([...positions].sort((a, b) => a - b));
    expect(new Set(all.map((e) => e.data.accountId))).to.include.members([cast.accountA, cast.accountB]);
    expect(all.map((e) => e.type)).to.include('hourbank.calendar.holiday-added.v1');
  });

  it('pages with a next cursor that ends where the unpaged read ends', async () => {
    const paged: any[] = [];
    let after = 0;
    for (let page = 0; page < 100; page++) {
      const result = await cast.agent.get(`/feed?after=${after}&limit=7`);
      paged.push(...result.body.events);
      after = result.body.next;
      if (result.body.caughtUp) break;
    }
    expect(paged.map((e) => e.id)).to.deep.equal(all.map((e) => e.id));
  });

  it("shows a client only its own account's events, ticket events included, and no staff-only ones", async () => {
    const mine = (await cast.clientA.get('/feed?limit=500')).body.events as any[];
    expect(mine.length).to.be.greaterThan(10);
    expect(mine.every((e) => e.data.accountId === cast.accountA)).to.equal(true);
    expect(mine.map((e) => e.type)).to.include.members(['hourbank.ticket.delivered.v1', 'hourbank.ticket.clarification-requested.v1']);
    expect(mine.map((e) => e.type)).to.not.include('hourbank.calendar.holiday-added.v1');
  });

  it("pages a client through exactly its account's events of the staff feed, in order, each once (its index, then the log)", async () => {
    const theirs = all.filter((e) => e.data.accountId === cast.accountA).map((e) => e.id);
    for (const limit of [1, 3, 500]) {
      const paged: string[] = [];
      let after = 0;
      for (let page = 0; page < 1000; page++) {
        const result = await cast.clientA.get(`/feed?after=${after}&limit=${limit}`);
        expect(result.status, result.text).to.equal(200);
        paged.push(...result.body.events.map((e: { id: string }) => e.id));
        after = result.body.next;
        if (result.body.caughtUp) break;
      }
      expect(paged, `limit ${limit}`).to.deep.equal(theirs);
    }
  });

  it('refuses a bad cursor or limit with problem+json 400, and no token with 401', async () => {
    for (const query of ['after=abc', 'after=-1', 'after=1.5', `after=${Number.MAX_SAFE_INTEGER}`, 'limit=501', 'limit=0']) {
      const result = await cast.agent.get(`/feed?${query}`);
      expect(result.status, query).to.equal(400);
      expect(result.headers.get('content-type')).to.match(/application\/problem\+json/);
      expect(result.body.code).to.be.oneOf(['INVALID_CURSOR', 'INVALID_LIMIT']);
    }
    expect((await api.client.get('/feed')).status).to.equal(401);
  });

  it('streams as text/event-stream with id = position, resuming after Last-Event-ID', async () => {
    const token = await api.token('agent');
    const first = await readSse(await sse(token, '/feed/stream?after=0'), (m) => events(m).length >= 5);
    expect(first.filter((m) => m.data).slice(0, 5).map((m) => Number(m.id))).to.deep.equal(all.slice(0, 5).map((e) => e.position));
    const resumed = await readSse(await sse(token, '/feed/stream?after=0', { 'last-event-id': first.filter((m) => m.data)[4]!.id! }), (m) => events(m).length >= 3);
    expect(events(resumed).slice(0, 3).map((e) => e.id)).to.deep.equal(all.slice(5, 8).map((e) => e.id));
  });

  it('delivers a new event live, sends heartbeats while idle, and releases the subscription on disconnect', async () => {
    const token = await api.token('client', { accounts: [cast.accountA] });
    const last = all[all.length - 1].position;
    const abort = new AbortController();
    const response = await sse(token, `/feed/stream?after=${last}`, {}, abort.signal);
    expect(response.headers.get('content-type')).to.match(/^text\/event-stream/);
    setTimeout(() => void cast.agent.post('/tickets', { accountId: cast.accountA, title: 'Novo', description: 'x', category: 'support' }), 300);
    const messages = await readSse(response, (m) => events(m).length >= 1 && m.some((x) => x.comment === 'heartbeat'));
    expect(events(messages)[0].type).to.equal('hourbank.ticket.opened.v1');
    abort.abort();
    const streams = api.app.get(FeedStreams);
    for (let i = 0; i < 50 && streams.count > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(streams.count).to.equal(0);
  });

  it('refuses a bad Last-Event-ID with 400 before opening the stream', async () => {
    const response = await sse(await api.token('agent'), '/feed/stream', { 'last-event-id': 'nope' });
    expect(response.status).to.equal(400);
    expect(((await response.json()) as { code: string }).code).to.equal('INVALID_CURSOR');
  });
});
