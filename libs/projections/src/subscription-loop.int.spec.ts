import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { SqliteEventStore } from '#eventstore';
import type { RecordedEvent } from '#kernel';
import { DroppableEventStore, InMemoryEventStore } from '#testing';
import { appendMany, event, waitFor } from './spec-fixtures.js';
import { type FeedBatch, SubscriptionLoop } from './subscription-loop.js';

describe('SubscriptionLoop', () => {
  let store: DroppableEventStore;
  let loop: SubscriptionLoop | undefined;
  beforeEach(() => (store = new DroppableEventStore(new InMemoryEventStore())));
  afterEach(async () => await loop?.stop());

  /** A consumer that checkpoints every batch it handles; `fail` makes its handler throw on an event. */
  const consumer = (fail: (event: RecordedEvent) => boolean = () => false) => {
    const state = { checkpoint: null as number | null, seen: [] as number[], failures: [] as number[] };
    const start = (options: { retryDelayMs?: number; maxRetryDelayMs?: number } = {}) => {
      loop = new SubscriptionLoop(store, {
        checkpoint: () => state.checkpoint,
        handle: (batch: FeedBatch) => {
          for (const event of batch.events) {
            state.seen.push(event.position);
            if (fail(event)) throw new Error(`cannot handle ${event.position}`);
          }
          state.checkpoint = batch.checkpoint;
        },
        onFailure: (_error, retryInMs) => state.failures.push(retryInMs),
        retryDelayMs: options.retryDelayMs ?? 10,
        maxRetryDelayMs: options.maxRetryDelayMs ?? 1000,
        maxLatencyMs: 1,
      });
      loop.start();
      return loop;
    };
    return { state, start };
  };

  it('resubscribes after a dropped subscription, from the checkpoint, and misses nothing', async () => {
    const { state, start } = consumer();
    await appendMany(store, 5);
    const running = start();
    await waitFor(() => state.checkpoint === 5);
    expect(store.drop()).to.equal(1);
    await appendMany(store, 3);
    await waitFor(() => state.checkpoint === 8);
    expect(state.seen).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(running.status()).to.include({ state: 'streaming', resubscriptions: 1 });
  });

  it('hands a failed batch over again after a pause (at least once), and goes on once it succeeds', async () => {
    let broken = true;
    const { state, start } = consumer((e) => broken && e.position === 3);
    await appendMany(store, 4);
    start();
    await waitFor(() => state.failures.length >= 2);
    broken = false;
    await waitFor(() => state.checkpoint === 4);
    expect(state.seen.filter((p) => p === 3).length).to.be.at.least(3);
    expect(state.seen.slice(-2)).to.deep.equal([3, 4]);
  });

  it('doubles the pause after each failure in a row, up to the cap, with jitter in the upper half', async () => {
    const { state, start } = consumer(() => true);
    await appendMany(store, 1);
    start({ retryDelayMs: 8, maxRetryDelayMs: 40 });
    await waitFor(() => state.failures.length >= 6, 3000);
    const [first, second, third, , , sixth] = state.failures;
    expect(first).to.be.within(4, 8);
    expect(second).to.be.within(8, 16);
    expect(third).to.be.within(16, 32);
    expect(sixth).to.be.within(20, 40);
  });

  it('ends when the consumer says stop, and stop() ends a pause at once', async () => {
    await appendMany(store, 2);
    loop = new SubscriptionLoop(store, { checkpoint: () => null, handle: () => 'stop', maxLatencyMs: 1 });
    loop.start();
    await loop.finished;
    expect(loop.status().state).to.equal('stopped');
    const { start } = consumer(() => true);
    const waiting = start({ retryDelayMs: 60_000, maxRetryDelayMs: 60_000 });
    await waitFor(() => waiting.status().state === 'waiting-to-resubscribe');
    const started = performance.now();
    await waiting.stop();
    expect(performance.now() - started).to.be.below(500);
  });

  it('moves the checkpoint over events the store read past without showing them (a filtered store)', async () => {
    const hidden = new InMemoryEventStore();
    const state = { checkpoint: null as number | null };
    loop = new SubscriptionLoop(hidden, {
      checkpoint: () => state.checkpoint,
      handle: (batch) => void (state.checkpoint = batch.checkpoint),
      filter: { streamCategories: ['shown'] },
      maxLatencyMs: 1,
    });
    loop.start();
    await appendMany(hidden, 1, 'shown-1');
    await appendMany(hidden, 3, 'hidden-1');
    await waitFor(() => state.checkpoint === 4, 2000);
  });

  it('lets the event loop turn between batches while it catches up on a store read synchronously (SQLite)', async () => {
    const sqlite = SqliteEventStore.open(join(mkdtempSync(join(tmpdir(), 'hb-loop-')), 'events.db'), { writer: 'inline', pageSize: 100 });
    try {
      for (let i = 0; i < 20; i++) await sqlite.append(`counter-${i}`, Array.from({ length: 100 }, () => event()), 'no_stream');
      let checkpoint: number | null = null;
      const catchingUp = new SubscriptionLoop(sqlite, { checkpoint: () => checkpoint, handle: (batch) => void (checkpoint = batch.checkpoint), batchSize: 100, maxLatencyMs: 1 });
      loop = catchingUp;
      // What a request waiting on I/O sees: a timer set before the catch-up starts must run before it ends.
      const seenByTimer = new Promise<number | null>((resolve) => setTimeout(() => resolve(checkpoint), 0));
      catchingUp.start();
      await waitFor(() => checkpoint === 2000);
      expect(await seenByTimer).to.be.below(2000);
    } finally {
      await loop?.stop();
      loop = undefined;
      await sqlite.close();
    }
  });
});
