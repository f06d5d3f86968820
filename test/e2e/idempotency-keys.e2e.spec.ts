import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbModelServer } from '#testing';
import { ApiHarness } from './support/harness.js';
import type { HttpResult } from './support/http-client.js';
import { type Cast, castOf, created, historyLength, openTicket, ticketBody } from './support/hour-bank-fixtures.js';

const keyed = (key: string) => ({ headers: { 'idempotency-key': key } });
const DAY_MS = 86_400_000;

/** Moves every stored key's first use `ms` into the past, as if that much time had gone by. */
function ageKeys(dataDir: string, ms: number): void {
  const db = new Database(join(dataDir, 'api.sqlite'));
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'idempotency%'").all() as Array<{ name: string }>;
  for (const { name } of tables) db.prepare(`UPDATE ${name} SET started_at = started_at - ?`).run(ms);
  db.close();
}

/** Deletes every stored key's record, as a power cut may (records have no fsync of their own; the events do). */
function forgetKeys(dataDir: string): void {
  const db = new Database(join(dataDir, 'api.sqlite'));
  db.prepare('DELETE FROM idempotency_records').run();
  db.close();
}

describe('Idempotency-Key scope and expiry', () => {
  let dataDir: string;
  let api: ApiHarness;
  let cast: Cast;
  let ticket: string;
  /** On the EventStoreDB model the events must outlive the restart: one model server for both runs of the API. */
  let model: EventStoreDbModelServer | undefined;
  const start = () => ApiHarness.start({ testClock: true, dataDir, ...(model && { eventStoreConnectionString: model.connectionString() }) });
  /** The same callers, on the API started again on the same data dir (a new port). */
  const restart = async () => {
    await api.close();
    api = await start();
    cast = {
      ...cast,
      manager: await api.as('manager', { sub: 'manager-1' }),
      agent: await api.as('agent', { sub: 'agent-1' }),
      auditor: await api.as('auditor', { sub: 'auditor-1' }),
      clientA: await api.as('client', { sub: 'client-a', accounts: [cast.accountA] }),
    };
  };
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-idem-'));
    if (process.env.HOURBANK_E2E_EVENTSTORE === 'model') model = await EventStoreDbModelServer.start();
    api = await start();
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 6000 });
    ticket = await openTicket(cast.clientA, cast.accountA);
    created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 600, expectedDeliveryAt: '2030-06-20T18:00:00Z' }));
  });
  after(async () => {
    await api?.close();
    await model?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a key per role: one subject as agent and as client opens two tickets', async () => {
    const asAgent = await api.as('agent', { sub: 'alice' });
    const asClient = await api.as('client', { sub: 'alice', accounts: [cast.accountA] });
    const first = await asAgent.post('/tickets', ticketBody(cast.accountA), keyed('alice-1'));
    const second = await asClient.post('/tickets', ticketBody(cast.accountA), keyed('alice-1'));
    expect([first.status, second.status]).to.deep.equal([201, 201]);
    expect(second.headers.get('idempotent-replayed')).to.equal(null);
    expect(second.body.id).not.to.equal(first.body.id);
  });

  it('keeps a key per route: the same key on another route runs its own command', async () => {
    const question = await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 600, expectedDeliveryAt: '2030-06-21T18:00:00Z' }, keyed('route-1'));
    const entry = await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 5, activity: 'analysis', performedOn: '2030-06-04' }, keyed('route-1'));
    expect([question.status, entry.status], entry.text).to.deep.equal([200, 201]);
    expect(entry.headers.get('idempotent-replayed')).to.equal(null);
  });

  it('replays the Location header with the first answer', async () => {
    const first = await cast.clientA.post('/tickets', ticketBody(cast.accountA), keyed('located-1'));
    const again = await cast.clientA.post('/tickets', ticketBody(cast.accountA), keyed('located-1'));
    expect(again.headers.get('idempotent-replayed')).to.equal('true');
    expect(first.headers.get('location')).to.equal(`/tickets/${first.body.id}`);
    expect(again.headers.get('location')).to.equal(first.headers.get('location'));
  });

  describe('when the records of the keys are gone: the events answer for them', () => {
    const entry = { minutes: 7, activity: 'development', performedOn: '2030-06-04' };
    let opened: HttpResult;
    let logged: HttpResult;
    before(async () => {
      opened = await cast.clientA.post('/tickets', ticketBody(cast.accountA), keyed('lost-open'));
      logged = await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('lost-entry'));
      expect([opened.status, logged.status]).to.deep.equal([201, 201]);
      forgetKeys(dataDir);
    });

    it('answers a retry of the same request with the first answer and its Location, writing nothing again', async () => {
      const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
      const again = await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('lost-entry'));
      expect(again.status, again.text).to.equal(201);
      expect(again.body).to.deep.equal(logged.body);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before);
      const reopened = await cast.clientA.post('/tickets', ticketBody(cast.accountA), keyed('lost-open'));
      expect(reopened.status, reopened.text).to.equal(201);
      expect(reopened.body).to.deep.equal(opened.body);
      expect(reopened.headers.get('location')).to.equal(opened.headers.get('location'));
    });

    it('refuses the key with another request (422 IDEMPOTENCY_KEY_REUSED), writing nothing', async () => {
      forgetKeys(dataDir);
      const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
      const other = await cast.agent.post(`/tickets/${ticket}/time-entries`, { ...entry, minutes: 8 }, keyed('lost-entry'));
      expect(other.status, other.text).to.equal(422);
      expect(other.body.code).to.equal('IDEMPOTENCY_KEY_REUSED');
      expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before);
    });
  });

  describe('a key used again after its 7 days (8 days later)', () => {
    const entry = { minutes: 20, activity: 'development', performedOn: '2030-06-04' };
    let firstAnswer: { events: unknown[] };
    before(async () => {
      firstAnswer = created(await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('old-entry')));
      created(await cast.agent.post('/tickets', ticketBody(cast.accountA), keyed('old-open')));
      ageKeys(dataDir, 8 * DAY_MS);
      created(await cast.manager.post('/admin/clock', { now: '2030-06-12T12:00:00Z' }));
    });

    it('is answered 422 IDEMPOTENCY_KEY_EXPIRED while its record is still kept, writing nothing', async () => {
      const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
      const again = await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('old-entry'));
      expect(again.status, again.text).to.equal(422);
      expect(again.body.code).to.equal('IDEMPOTENCY_KEY_EXPIRED');
      expect(again.body.detail).to.match(/send a new Idempotency-Key/);
      expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before);
    });

    describe('15 days later, after a restart dropped the expired records', () => {
      before(async () => {
        ageKeys(dataDir, 7 * DAY_MS);
        created(await cast.manager.post('/admin/clock', { now: '2030-06-19T12:00:00Z' }));
        await restart();
      });

      it('never replays the stale event: 422 IDEMPOTENCY_KEY_EXPIRED, nothing written', async () => {
        const before = await historyLength(cast.auditor, `/tickets/${ticket}/history`);
        const again = await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('old-entry'));
        expect(again.status, again.text).to.equal(422);
        expect(again.body.code).to.equal('IDEMPOTENCY_KEY_EXPIRED');
        expect(again.body).not.to.deep.include({ events: firstAnswer.events });
        expect(await historyLength(cast.auditor, `/tickets/${ticket}/history`)).to.equal(before);
      });

      it('never answers 500 when the old key comes back on a route writing another stream', async () => {
        const result = await cast.agent.post(`/tickets/${ticket}/time-entries`, entry, keyed('old-open'));
        expect(result.status, result.text).to.equal(201);
      });
    });
  });
});
