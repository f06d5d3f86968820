import { expect } from 'chai';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ApiHarness } from './support/harness.js';
import { CounterTestModule, counterGate, counterRuns } from './support/counter.module.js';
import type { HttpClient } from './support/http-client.js';

describe('commands over HTTP (a test-only counter through the command pipeline)', () => {
  let api: ApiHarness;
  let agent: HttpClient;
  before(async () => {
    api = await ApiHarness.start({ imports: [CounterTestModule] });
    agent = await api.as('agent', { sub: 'agent-7' });
  });
  after(() => api?.close());

  const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });

  describe('a repeated Idempotency-Key with the same body', () => {
    it('returns the first response again without running the handler', async () => {
      const first = await agent.post('/test/counters/a/increments', { by: 2 }, keyed('key-a'));
      const runsAfterFirst = counterRuns.count;
      const again = await agent.post('/test/counters/a/increments', { by: 2 }, keyed('key-a'));
      expect(first.status).to.equal(201);
      expect(again.status).to.equal(201);
      expect(again.body).to.deep.equal(first.body);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(counterRuns.count).to.equal(runsAfterFirst);
      expect((await agent.get('/test/counters/a')).body.value).to.equal(2);
    });

    it('treats the same body in another key order as the same request', async () => {
      await agent.post('/test/counters/order/increments', { by: 1 }, keyed('key-order'));
      const again = await agent.request('POST', '/test/counters/order/increments', { rawBody: '{ "by" : 1 }', ...keyed('key-order') });
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
    });
  });

  it('refuses the same key with a different body (422 IDEMPOTENCY_KEY_REUSED) and writes nothing', async () => {
    await agent.post('/test/counters/b/increments', { by: 1 }, keyed('key-b'));
    const reused = await agent.post('/test/counters/b/increments', { by: 5 }, keyed('key-b'));
    expect(reused.status).to.equal(422);
    expect(reused.body.code).to.equal('IDEMPOTENCY_KEY_REUSED');
    expect((await agent.get('/test/counters/b')).body.value).to.equal(1);
  });

  it('keeps keys per subject: another caller with the same key runs its own command', async () => {
    const other = await api.as('agent', { sub: 'agent-8' });
    await agent.post('/test/counters/c/increments', { by: 1 }, keyed('shared-key'));
    const theirs = await other.post('/test/counters/c/increments', { by: 1 }, keyed('shared-key'));
    expect(theirs.status).to.equal(201);
    expect(theirs.headers.get('idempotent-replayed')).to.equal(null);
    expect((await agent.get('/test/counters/c')).body.value).to.equal(2);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_FLIGHT while the first request with that key still runs', async () => {
    let release!: () => void;
    counterGate.hold = new Promise((resolve) => (release = resolve));
    const runsBefore = counterRuns.count;
    const first = agent.post('/test/counters/d/increments', { by: 1 }, keyed('key-d'));
    while (counterRuns.count === runsBefore) await new Promise((resolve) => setTimeout(resolve, 5));
    const during = await agent.post('/test/counters/d/increments', { by: 1 }, keyed('key-d'));
    delete counterGate.hold;
    release();
    expect(during.status).to.equal(409);
    expect(during.body.code).to.equal('IDEMPOTENCY_KEY_IN_FLIGHT');
    expect((await first).status).to.equal(201);
    expect((await agent.post('/test/counters/d/increments', { by: 1 }, keyed('key-d'))).headers.get('idempotent-replayed')).to.equal('true');
    expect((await agent.get('/test/counters/d')).body.value).to.equal(1);
  });

  it('runs a retried command once: with the stored response lost, the stream answers with the same events', async () => {
    const first = await agent.post('/test/counters/e/increments', { by: 3 }, keyed('key-e'));
    const db = new Database(join(api.config.dataDir, 'api.sqlite'));
    db.prepare('DELETE FROM idempotency_records WHERE key = ?').run('key-e');
    db.close();
    const retried = await agent.post('/test/counters/e/increments', { by: 3 }, keyed('key-e'));
    expect(retried.status).to.equal(201);
    expect(retried.headers.get('idempotent-replayed'), 'answered from the events its key wrote: a replay').to.equal('true');
    expect(retried.body.eventIds).to.deep.equal(first.body.eventIds);
    expect((await agent.get('/test/counters/e')).body.value).to.equal(3);
  });

  it('records actor, role, correlation and command ids in the event metadata', async () => {
    await agent.post('/test/counters/f/increments', { by: 1 }, { headers: { 'x-correlation-id': 'corr-f' } });
    const [event] = (await agent.get('/test/counters/f')).body.events;
    expect(event.metadata).to.include({ actor: 'agent-7', role: 'agent', correlationId: 'corr-f' });
    expect(event.metadata.commandId).to.be.a('string');
    expect(event.metadata.causationId).to.equal(event.metadata.commandId);
    expect(event.metadata.occurredAt).to.match(/Z$/);
  });

  it('maps a broken business rule to 422 with its code', async () => {
    const result = await agent.post('/test/counters/g/increments', { by: 1000 });
    expect(result.status).to.equal(201);
    const refused = await agent.post('/test/counters/g/increments', { by: 1 });
    expect(refused.status).to.equal(422);
    expect(refused.body.code).to.equal('COUNTER_LIMIT_EXCEEDED');
  });

  it('answers an unexpected failure with 500 INTERNAL_ERROR and none of its text', async () => {
    const result = await agent.get('/test/counters/x/explosion');
    expect(result.status).to.equal(500);
    expect(result.body.code).to.equal('INTERNAL_ERROR');
    expect(result.text).not.to.contain('secret');
  });

  it('loses nothing when many writers hit one stream at once', async () => {
    const writers = Array.from({ length: 12 }, () => agent.post('/test/counters/storm/increments', { by: 1 }));
    const results = (await Promise.all(writers)).map((r) => (r.status === 201 ? 201 : r.body.code));
    const value = (await agent.get('/test/counters/storm')).body.value;
    expect(value).to.equal(results.filter((s) => s === 201).length);
    expect(results.every((s) => s === 201 || s === 'CONCURRENT_MODIFICATION'), String(results)).to.equal(true);
    expect(value).to.be.greaterThan(0);
  });
});
