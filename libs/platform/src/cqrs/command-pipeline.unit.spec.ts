import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { DomainError, type Clock, type Decider, type DomainEvent } from '#kernel';
import { EventCodec, type ExpectedRevision, WrongExpectedRevisionError, deterministicEventId } from '#eventstore';
import type { NewEvent, RecordedEvent } from '#kernel';
import { InMemoryEventStore } from '#testing';
import type { CommandContext } from '../context/command-context.js';
import { MAX_CONFLICT_RETRIES, executeCommand } from './command-pipeline.js';
import { loadStream } from './load-stream.js';
import { ProblemError } from '../errors/problem.js';

type Added = DomainEvent<'Added', { n: number }>;
const adder: Decider<{ n: number; at: Temporal.Instant }, Added, number> = {
  initialState: () => 0,
  evolve: (sum, event) => sum + event.data.n,
  decide: ({ n }, sum) => {
    if (n === 0) return [];
    if (sum + n > 10) throw new DomainError('SUM_OVER_TEN', 'The sum never passes 10');
    return [{ type: 'Added', data: { n } }, { type: 'Added', data: { n: 0 } }];
  },
};
const codec = new EventCodec({ Added: 'test.added.v1' });

class CountingClock implements Clock {
  reads = 0;
  now() {
    this.reads++;
    return Temporal.Instant.from('2030-01-01T00:00:00Z');
  }
}

/** Counts appends and lets a spec slip in a competing writer just before one. */
class ObservedStore extends InMemoryEventStore {
  appendCalls = 0;
  beforeAppend?: (stream: string) => Promise<void> | void;

  override async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision) {
    this.appendCalls++;
    await this.beforeAppend?.(stream);
    return super.append(stream, events, expected);
  }

  async recorded(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.readAll()) events.push(event);
    return events;
  }
}

const context = (commandId: string): CommandContext => ({ actor: 'agent-1', role: 'agent', correlationId: 'c-1', commandId });

describe('executeCommand', () => {
  let store: ObservedStore;
  let clock: CountingClock;
  const run = (n: number, commandId: string, stream = 'sum-1') =>
    executeCommand({ store, clock }, { stream, decider: adder, codec, command: (at) => ({ n, at }), context: context(commandId) });

  beforeEach(() => {
    store = new ObservedStore();
    clock = new CountingClock();
  });

  describe('on a new stream', () => {
    it('appends with ids derived from the command id and the metadata of the context', async () => {
      const result = await run(3, 'cmd-1');
      expect(result.nextExpectedRevision).to.equal(1);
      const log = await store.recorded();
      expect(log.map((e) => e.id)).to.deep.equal([deterministicEventId('cmd-1', 0), deterministicEventId('cmd-1', 1)]);
      expect(log[0]?.type).to.equal('test.added.v1');
      expect(log[0]?.metadata).to.deep.include({ actor: 'agent-1', role: 'agent', correlationId: 'c-1', commandId: 'cmd-1', causationId: 'cmd-1', occurredAt: '2030-01-01T00:00:00Z' });
    });
  });

  describe('when the command id is already in the stream', () => {
    it('returns the first result without deciding or appending again', async () => {
      const first = await run(3, 'cmd-1');
      await run(2, 'cmd-2');
      const appendsBefore = store.appendCalls;
      const again = await run(3, 'cmd-1');
      expect(store.appendCalls).to.equal(appendsBefore);
      expect(again).to.deep.equal(first);
    });
  });

  describe('when a keyed command finds its events older than its replay window', () => {
    const later = { now: () => Temporal.Instant.from('2030-01-09T00:00:00Z') } as Clock;
    const again = (replayWindowMs?: number) =>
      executeCommand({ store, clock: later }, {
        stream: 'sum-1', decider: adder, codec, command: (at) => ({ n: 3, at }),
        context: { ...context('cmd-1'), ...(replayWindowMs !== undefined && { replayWindowMs }) },
      });

    it('refuses with IDEMPOTENCY_KEY_EXPIRED instead of answering with them', async () => {
      await run(3, 'cmd-1');
      const error = await again(7 * 86_400_000).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(DomainError).with.property('code', 'IDEMPOTENCY_KEY_EXPIRED');
      expect(store.appendCalls).to.equal(1);
    });

    it('still answers with them inside the window, and always without one (a reactor replaying)', async () => {
      const first = await run(3, 'cmd-1');
      expect(await again(9 * 86_400_000)).to.deep.equal(first);
      expect(await again()).to.deep.equal(first);
    });
  });

  describe('when a keyed command finds events of its command id (its idempotency record may be gone)', () => {
    const keyed = (n: number, requestHash: string) =>
      executeCommand({ store, clock }, {
        stream: 'sum-1', decider: adder, codec, command: (at) => ({ n, at }), context: { ...context('cmd-1'), requestHash },
      });

    it('records the request hash in the metadata of the events', async () => {
      await keyed(3, 'hash-a');
      expect((await store.recorded()).map((event) => event.metadata.requestHash)).to.deep.equal(['hash-a', 'hash-a']);
    });

    it('answers the same request with the first result, and refuses another with IDEMPOTENCY_KEY_REUSED, appending nothing', async () => {
      const first = await keyed(3, 'hash-a');
      expect(await keyed(3, 'hash-a')).to.deep.equal(first);
      const error = await keyed(4, 'hash-b').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ProblemError).with.property('code', 'IDEMPOTENCY_KEY_REUSED');
      expect(store.appendCalls).to.equal(1);
    });
  });

  it('appends nothing when the decision is empty', async () => {
    const result = await run(0, 'cmd-1');
    expect(result).to.deep.equal({ events: [], nextExpectedRevision: -1, position: -1 });
    expect(store.appendCalls).to.equal(0);
  });

  it('lets a business refusal through untouched', async () => {
    await run(9, 'cmd-1');
    const error = await run(5, 'cmd-2').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DomainError).with.property('code', 'SUM_OVER_TEN');
  });

  describe('when another writer gets in first', () => {
    const competingAdd = (n: number, id: string) =>
      store.append('sum-1', [codec.encode({ type: 'Added', data: { n } }, { id, metadata: { actor: 'x', correlationId: 'y', occurredAt: 'z' } })], 'any');

    it('reloads and decides again on the new state, reading the clock once', async () => {
      store.beforeAppend = async () => {
        store.beforeAppend = undefined;
        await competingAdd(2, 'other');
      };
      const result = await run(3, 'cmd-1');
      expect(result.nextExpectedRevision).to.equal(2);
      expect((await store.recorded()).map((e) => (e.data as { n: number }).n)).to.deep.equal([2, 3, 0]);
      expect(clock.reads).to.equal(1);
    });

    it('decides on the reloaded state, so a rule broken by the other write refuses', async () => {
      store.beforeAppend = async () => {
        store.beforeAppend = undefined;
        await competingAdd(8, 'other');
      };
      const error = await run(3, 'cmd-1').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(DomainError).with.property('code', 'SUM_OVER_TEN');
    });

    it(`gives up after ${MAX_CONFLICT_RETRIES} retries with the conflict error`, async () => {
      let competitors = 0;
      const competitor = async () => {
        store.beforeAppend = undefined;
        await competingAdd(0, `other-${competitors++}`);
        store.beforeAppend = competitor;
      };
      store.beforeAppend = competitor;
      const error = await run(1, 'cmd-1').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(WrongExpectedRevisionError);
      expect(competitors).to.equal(MAX_CONFLICT_RETRIES + 1);
    });
  });

  describe('from the cache of folded streams', () => {
    it('reads on from the revision it folded before, and folds in what another writer appended meanwhile', async () => {
      await run(3, 'cmd-1');
      await run(2, 'cmd-2');
      await store.append('sum-1', [codec.encode({ type: 'Added', data: { n: 4 } }, { id: 'other', metadata: { actor: 'x', correlationId: 'y', occurredAt: 'z' } })], 3);
      const froms: Array<number | undefined> = [];
      const read = store.readStream.bind(store);
      store.readStream = (stream, options) => (froms.push(options?.fromRevision), read(stream, options));
      const loaded = await loadStream(store, 'sum-1', adder, codec, '');
      expect(loaded.state).to.equal(9);
      expect(loaded.revision).to.equal(4);
      expect(froms).to.deep.equal([2]);
    });

    it('recognises a retried command whose events were folded by an earlier load', async () => {
      const first = await run(3, 'cmd-1');
      await run(2, 'cmd-2');
      await run(1, 'cmd-3');
      const appendsBefore = store.appendCalls;
      expect(await run(3, 'cmd-1')).to.deep.equal(first);
      expect(store.appendCalls).to.equal(appendsBefore);
    });
  });

  describe('with a snapshot hook', () => {
    it('folds only the events after the snapshot revision', async () => {
      await run(1, 'cmd-1');
      await run(2, 'cmd-2');
      const snapshots = { load: async () => ({ state: 100, revision: 1, position: 2 }) };
      const error = await executeCommand({ store, clock }, { stream: 'sum-1', decider: adder, codec, command: (at) => ({ n: 1, at }), context: context('cmd-3'), snapshots }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(DomainError).with.property('code', 'SUM_OVER_TEN');
    });
  });
});
