import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { NewEvent } from '#kernel';
import { EventStoreDbModelServer } from '#testing';
import { AppendTooLargeError, EventStoreUnavailableError, InvalidPositionError } from '../errors.js';
import { eventStoreDbConnectionProblems } from './connection-settings.js';
import { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store.js';

const event = (data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type: 'faults.happened.v1',
  data,
  metadata: { actor: 'faults', correlationId: 'c', occurredAt: '2026-01-01T00:00:00Z' },
});
const collect = async <T>(items: AsyncIterable<T>) => {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
};
const rejection = (promise: Promise<unknown>) => promise.then(() => expect.fail('expected a rejection'), (error: unknown) => error);

describe('EventStoreDB adapter against faults of EventStoreDbModelServer (a model of the server)', function () {
  this.timeout(20_000);
  let server: EventStoreDbModelServer;
  let store: EventStoreDbEventStore;
  const open = (settings: Record<string, string> = {}, options: EventStoreDbOptions = {}) =>
    (store = EventStoreDbEventStore.fromConnectionString(server.connectionString(settings), options));
  beforeEach(async () => (server = await EventStoreDbModelServer.start()));
  afterEach(async () => {
    await store?.close();
    await server.stop();
  });

  describe('a burst of reads of streams that do not exist', () => {
    it('keeps the connection: "stream not found" ends the call, nothing is cancelled (a burst of stream resets makes the server close the connection)', async function () {
      this.timeout(120_000);
      open();
      for (let round = 0; round < 8; round++) {
        await Promise.all(Array.from({ length: 250 }, (_, i) => collect(store.readStream(`faults-missing-${round}-${i}`))));
      }
      const written = await store.append('faults-1', [event()], 'no_stream');
      expect(written.nextExpectedRevision).to.equal(0);
    });
  });

  describe('the head', () => {
    it('is the last record of $all, right after 150 system records, and a position readers may resume after', async () => {
      open();
      const written = await store.append('faults-1', [event(), event()], 'no_stream');
      server.log.appendSystemRecords(150);
      const status = await store.status();
      expect(status).to.include({ backend: 'eventstoredb', ok: true, headPosition: server.log.last!.position });
      expect(status.headPosition).to.be.above(written.position);
      expect(await store.isPosition(status.headPosition!)).to.equal(true);
      expect(await collect(store.readAll({ after: status.headPosition! }))).to.deep.equal([]);
    });

    it('is read as one record, shared by callers asking at once', async () => {
      open();
      await store.append('faults-1', [event()], 'no_stream');
      const heads = await Promise.all(Array.from({ length: 20 }, () => store.status()));
      expect(new Set(heads.map((h) => h.headPosition)).size).to.equal(1);
    });

    it('reports the store not ok, in time, when the server is slower than the status timeout', async () => {
      open({}, { statusTimeoutMs: 200 });
      server.faults.readDelayMs = 2000;
      const started = performance.now();
      const status = await store.status();
      expect(status).to.include({ ok: false });
      expect(status.detail).to.match(/did not answer within 200 ms/);
      expect(performance.now() - started).to.be.below(1500);
    });
  });

  describe('positions', () => {
    it('are byte offsets: the position after a real one is refused by isPosition and by reads', async () => {
      open();
      const { position } = await store.append('faults-2', [event()], 'no_stream');
      expect(await store.isPosition(position)).to.equal(true);
      expect(await store.isPosition(position + 1)).to.equal(false);
      const failure = await rejection(collect(store.readAll({ after: position + 1 })));
      expect(failure).to.be.instanceOf(InvalidPositionError).and.include({ position: position + 1 });
    });

    it('are still refused by isPosition on a server that answers an invalid position with nothing (before 23.10)', async () => {
      open();
      const { position } = await store.append('faults-2', [event()], 'no_stream');
      server.faults.invalidPosition = 'empty';
      expect(await store.isPosition(position + 1)).to.equal(false);
      expect(await store.isPosition(position)).to.equal(true);
    });

    it('a subscription from a position that is no record ends with the port error, not in silence', async () => {
      open();
      const { position } = await store.append('faults-2', [event()], 'no_stream');
      const failure = await rejection(collect(store.subscribeToAll({ after: position + 3 })));
      expect(failure).to.be.instanceOf(InvalidPositionError);
    });
  });

  describe('appends', () => {
    it('over the size limit fail with the port error naming the limit, through BatchAppend and through Append', async () => {
      server.log.maxAppendSize = 4096;
      open();
      const failure = await rejection(store.append('faults-3', [event({ text: 'x'.repeat(5000) })], 'any'));
      expect(failure).to.be.instanceOf(AppendTooLargeError).and.include({ code: 'EVENTS_TOO_LARGE', stream: 'faults-3', maxBytes: 4096 });
      await store.close();
      await server.stop();
      server = await EventStoreDbModelServer.start({ batchAppend: false, maxAppendSize: 4096 });
      open();
      expect(await rejection(store.append('faults-3', [event({ text: 'x'.repeat(5000) })], 'any'))).to.be.instanceOf(AppendTooLargeError);
      expect(await collect(store.readStream('faults-3'))).to.deep.equal([]);
    });

    it('slower than the deadline fail as unavailable; the write may still land, and the same append repeated is recognised', async () => {
      open({ defaultDeadline: '300' });
      await store.append('faults-4', [event()], 'no_stream');
      server.faults.appendDelayMs = 800;
      const late = [event({ late: true })];
      const started = performance.now();
      const failure = await rejection(store.append('faults-4', late, 0));
      expect(failure).to.be.instanceOf(EventStoreUnavailableError);
      expect(performance.now() - started).to.be.below(800);
      await new Promise((resolve) => setTimeout(resolve, 800));
      server.faults.appendDelayMs = 0;
      const again = await store.append('faults-4', late, 0);
      expect(again.nextExpectedRevision).to.equal(1);
      expect((await collect(store.readStream('faults-4'))).map((e) => e.id)).to.have.length(2);
    });

    it('answered NotLeader by a follower are sent again to the leader it names, and written once', async () => {
      const nodes: { a?: EventStoreDbModelServer; b?: EventStoreDbModelServer } = {};
      const a = (nodes.a = await EventStoreDbModelServer.start({ log: server.log, peers: () => [nodes.b!] }));
      const b = (nodes.b = await EventStoreDbModelServer.start({ log: server.log, peers: () => [a] }));
      b.setLeader(false, a);
      const cluster = EventStoreDbEventStore.fromConnectionString(`esdb://${a.address.host}:${a.address.port},${b.address.host}:${b.address.port}?tls=false`);
      try {
        await cluster.append('faults-5', [event()], 'no_stream');
        a.setLeader(false, b);
        b.setLeader(true);
        const result = await cluster.append('faults-5', [event({ after: 'election' })], 0);
        expect(result.nextExpectedRevision).to.equal(1);
        expect(await collect(cluster.readStream('faults-5'))).to.have.length(2);
        expect(a.appendsWritten, 'the old leader wrote only the first append').to.equal(1);
        expect(b.appendsWritten, 'the new leader wrote the retried one').to.equal(1);
      } finally {
        await cluster.close();
        await a.stop();
        await b.stop();
      }
    });

    it('refuse a client that reports conflicts as results (throwOnAppendFailure=false), at configuration and in the adapter', () => {
      const connectionString = server.connectionString({ throwOnAppendFailure: 'false' });
      expect(eventStoreDbConnectionProblems(connectionString)).to.have.length(1).and.satisfy((p: string[]) => /throwOnAppendFailure/.test(p[0]!));
      expect(eventStoreDbConnectionProblems(server.connectionString())).to.deep.equal([]);
      expect(() => EventStoreDbEventStore.fromConnectionString(connectionString)).to.throw(/throwOnAppendFailure=false/);
    });
  });

  describe('idempotency, as the server does it', () => {
    it('recognises a repeat with an exact revision or no_stream by the stored events, even after it forgot recent writes', async () => {
      open();
      const created = [event()];
      const first = await store.append('faults-6', created, 'no_stream');
      const batch = [event(), event()];
      const second = await store.append('faults-6', batch, 0);
      server.log.forgetRecentEventIds();
      expect(await store.append('faults-6', created, 'no_stream')).to.deep.equal(first);
      expect(await store.append('faults-6', batch, 0)).to.deep.equal(second);
      expect(await collect(store.readStream('faults-6'))).to.have.length(3);
    });

    it('recognises a repeat with any only while the server remembers the write: then it is written again', async () => {
      open();
      const batch = [event()];
      const first = await store.append('faults-7', batch, 'any');
      expect(await store.append('faults-7', batch, 'any')).to.deep.equal(first);
      server.log.forgetRecentEventIds();
      await store.append('faults-7', batch, 'any');
      expect((await collect(store.readStream('faults-7'))).map((e) => e.id)).to.deep.equal([batch[0]!.id, batch[0]!.id]);
    });

    it('does not check at all when the expected revision is the stream\'s end: the same ids are written again', async () => {
      open();
      const batch = [event()];
      await store.append('faults-8', batch, 'no_stream');
      await store.append('faults-8', batch, 0);
      expect(await collect(store.readStream('faults-8'))).to.have.length(2);
    });
  });

  describe('subscriptions', () => {
    it('report the server\'s caught-up signal once the history is handed over', async () => {
      open();
      await store.append('faults-9', [event(), event()], 'no_stream');
      const subscription = store.subscribeToAll();
      const seen: string[] = [];
      const reading = (async () => {
        for await (const e of subscription) seen.push(e.id);
      })();
      await waitUntil(() => subscription.progress!().caughtUp === true);
      expect(seen).to.have.length(2);
      await subscription.close();
      await reading;
    });

    it('report no caught-up signal on a server that sends none (before 23.10)', async () => {
      await server.stop();
      server = await EventStoreDbModelServer.start({ caughtUp: false });
      open();
      await store.append('faults-9', [event()], 'no_stream');
      const subscription = store.subscribeToAll();
      const reading = (async () => {
        for await (const _ of subscription) void _;
      })();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(subscription.progress!().caughtUp).to.equal(false);
      await subscription.close();
      await reading;
    });

    it('dropped with UNAVAILABLE end with the port error (the runners resubscribe: see the fault suite)', async () => {
      open();
      await store.append('faults-10', [event()], 'no_stream');
      const subscription = store.subscribeToAll();
      const reading = rejection(collect(subscription));
      await waitUntil(() => server.subscriptions.count === 1);
      server.subscriptions.drop();
      expect(await reading).to.be.instanceOf(EventStoreUnavailableError);
    });
  });

  it('close() returns after many reads the adapter stopped early', async () => {
    open();
    const { position } = await store.append('faults-11', [event(), event()], 'no_stream');
    for (let i = 0; i < 30; i++) {
      await store.isPosition(position);
      await store.status();
    }
    const started = performance.now();
    await store.close();
    expect(performance.now() - started).to.be.below(2000);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > until) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
