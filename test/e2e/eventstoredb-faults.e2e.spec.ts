import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { EventStoreDbModelServer } from '#testing';
import { DownstreamModule } from '../../apps/api/src/feed/downstream.module.js';
import { ApiHarness } from './support/harness.js';
import { castOf, created, settle, ticketBody, type Cast } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

const APPEND_LIMIT = 8 * 1024;
const DEADLINE_MS = 1000;

async function within<T>(timeoutMs: number, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (performance.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every projection and reactor, as GET /admin/projections shows them. */
const consumers = async (manager: HttpClient) => (await manager.get('/admin/projections')).body.consumers as any[];

/** Opens a ticket, estimates it within the balance, logs `minutes`, delivers, and the client accepts: it closes. */
async function workTicket(cast: Cast, minutes: number): Promise<string> {
  const ticket = created(await cast.clientA.post('/tickets', ticketBody(cast.accountA))).id as string;
  created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes, expectedDeliveryAt: '2030-06-06T18:00:00Z' }));
  created(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes, activity: 'development', performedOn: '2030-06-04' }));
  created(await cast.agent.post(`/tickets/${ticket}/delivery`, { summary: 'Feito.' }));
  created(await cast.clientA.post(`/tickets/${ticket}/acceptance`, {}));
  return ticket;
}

describe('Hour Bank over HTTP when EventStoreDB misbehaves (EventStoreDbModelServer, a model of the server)', function () {
  this.timeout(60_000);
  let model: EventStoreDbModelServer;
  let api: ApiHarness;
  let cast: Cast;

  before(async () => {
    model = await EventStoreDbModelServer.start({ maxAppendSize: APPEND_LIMIT });
    api = await ApiHarness.start({
      eventStoreConnectionString: model.connectionString({ defaultDeadline: String(DEADLINE_MS) }),
      imports: [DownstreamModule],
    });
    cast = await castOf(api, { firstPeriod: '2030-06' });
    created(await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 6000 }));
    await settle(cast.manager);
  });
  after(async () => {
    await api?.close();
    await model?.stop();
  });

  it('keeps every projection and reactor applying the next events within seconds after their subscriptions are killed mid-stream', async () => {
    const balance = async () => (await cast.clientA.get(`/accounts/${cast.accountA}`)).body.balanceMinutes as number;
    const before = await balance();
    const dropped = model.subscriptions.drop();
    expect(dropped, 'every consumer had a subscription to kill').to.be.at.least(7);
    await workTicket(cast, 30);
    model.subscriptions.drop();
    const ticket = await workTicket(cast, 45);
    const started = performance.now();
    // The debit is the reactor's command, the balance the projection's fold of it: both had to resubscribe.
    await within(5000, 'the reactor debited and the balance projection applied it', async () => ((await balance()) === before - 75 ? true : undefined));
    await within(5000, 'the ticket list shows the last ticket closed', async () =>
      (await cast.agent.get(`/tickets?accountId=${cast.accountA}&status=closed&size=100`)).body.items?.some((t: any) => t.ticketId === ticket) ? true : undefined);
    expect(performance.now() - started).to.be.below(5000);
    await settle(cast.manager);
    const all = await consumers(cast.manager);
    expect(all.filter((c) => c.resubscriptions < 1).map((c) => c.name), 'consumers that never resubscribed').to.deep.equal([]);
    expect(all.every((c) => c.state === 'live'), JSON.stringify(all.map((c) => [c.name, c.state]))).to.equal(true);
  });

  it('puts the head right after 150 system records, and every consumer reaches it with lag 0', async () => {
    await settle(cast.manager);
    model.log.appendSystemRecords(150);
    const head = model.log.last!.position;
    const status = await within(5000, 'every consumer at the head', async () => {
      const body = (await cast.manager.get('/admin/projections')).body;
      return body.consumers.every((c: any) => c.position === head && c.lag === 0 && c.state === 'live') ? body : undefined;
    });
    expect(status.headPosition).to.equal(head);
    expect((await api.client.get('/health')).body.details.store).to.include({ backend: 'eventstoredb', status: 'up', headPosition: head });
  });

  it('answers 400 to a feed cursor that is not the position of a record, on pages and on the stream', async () => {
    const page = (await cast.auditor.get('/feed?limit=5')).body;
    const real = page.events[2].position as number;
    expect((await cast.auditor.get(`/feed?after=${real}`)).status).to.equal(200);
    for (const cursor of [real + 1, real - 1, page.events.at(-1).position + 3]) {
      const result = await cast.auditor.get(`/feed?after=${cursor}`);
      expect(result.status, `after=${cursor}`).to.equal(400);
      expect(result.body).to.include({ code: 'INVALID_CURSOR' });
      const stream = await cast.auditor.get('/feed/stream', { headers: { 'last-event-id': String(cursor) } });
      expect(stream.status, `Last-Event-ID ${cursor}`).to.equal(400);
    }
  });

  it('parks a non-JSON event in a ticket stream, shows it in /admin/projections, stays healthy, and moves on after a skip', async () => {
    const id = randomUUID();
    const poison = { id, type: 'hourbank.ticket.opened.v1', contentType: 'application/octet-stream', data: Uint8Array.from([1, 2, 3]), metadata: new Uint8Array() };
    model.log.append(`ticket-${randomUUID()}`, [poison], { kind: 'any' });
    const parked = await within(5000, 'the ticket projections parked it', async () => {
      const found = (await consumers(cast.manager)).filter((c) => c.parked?.eventId === id);
      // Every consumer of ticket openings parks it: the ticket projections, and the numbering reactor (slower, as it sends a command per ticket).
      const all = ['ticket-list', 'ticket-numbering'].every((name) => found.some((c) => c.name === name));
      return all && found.every((c) => c.state === 'parked') ? found : undefined;
    });
    for (const consumer of parked) expect(consumer.parked.error, consumer.name).to.match(/UndecodableEventError: .*not application\/json/);
    expect(parked.map((c) => c.name)).to.include('ticket-list');
    expect((await api.client.get('/health')).status).to.equal(200);
    expect((await cast.auditor.get('/feed?limit=500')).status, 'the feed leaves it out').to.equal(200);
    const skip = async (consumer: { name: string; parked: { position: number } }) => {
      const skipped = await cast.manager.post(`/admin/projections/${consumer.name}/skip`, { position: consumer.parked.position, reason: 'binary event from another writer' });
      expect(skipped.status, skipped.text).to.be.oneOf([200, 201]);
    };
    for (const consumer of parked) await skip(consumer);
    // Reactors park the same event only after their retries (about 1.5 s): skip them as they do.
    await within(10_000, 'every consumer that parked the event skipped past it', async () => {
      const all = await consumers(cast.manager);
      for (const consumer of all.filter((c) => c.parked?.eventId === id)) await skip(consumer);
      const poisonAt = parked[0]!.parked.position;
      return all.every((c) => c.parked?.eventId !== id && (c.position ?? -1) >= poisonAt) ? true : undefined;
    });
    await workTicket(cast, 10);
    await settle(cast.manager);
    expect((await consumers(cast.manager)).every((c) => c.state === 'live')).to.equal(true);
  });

  it('answers 413 Problem Details to a command whose events exceed the append size limit, and records nothing', async () => {
    const before = model.log.records.length;
    const result = await cast.clientA.post('/tickets', ticketBody(cast.accountA, { description: 'x'.repeat(APPEND_LIMIT + 100) }));
    expect(result.status, result.text).to.equal(413);
    expect(result.headers.get('content-type')).to.match(/application\/problem\+json/);
    expect(result.body).to.include({ code: 'EVENTS_TOO_LARGE', status: 413 });
    expect(model.log.records.length).to.equal(before);
  });

  it('answers 503 Problem Details when the server is slower than the deadline; the same Idempotency-Key then gets the one ticket', async () => {
    const key = `slow-${randomUUID()}`;
    model.faults.appendDelayMs = DEADLINE_MS * 2;
    try {
      const slow = await cast.clientA.post('/tickets', ticketBody(cast.accountA), { headers: { 'idempotency-key': key } });
      expect(slow.status, slow.text).to.equal(503);
      expect(slow.body).to.include({ code: 'EVENT_STORE_UNAVAILABLE' });
      await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS * 1.5));
    } finally {
      model.faults.appendDelayMs = 0;
    }
    const retried = created(await cast.clientA.post('/tickets', ticketBody(cast.accountA), { headers: { 'idempotency-key': key } }));
    const history = (await cast.agent.get(`/tickets/${retried.id}/history`)).body.events as any[];
    expect(history.map((e) => e.type)).to.deep.equal(['TicketOpened']);
  });
});
