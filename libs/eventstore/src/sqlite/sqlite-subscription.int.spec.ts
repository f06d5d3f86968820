import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { NewEvent, RecordedEvent } from '#kernel';
import { SqliteEventStore } from '#eventstore';
import { encodeEvents, SqliteAppender } from './append.js';
import { appendedSignal } from './appended-signal.js';
import { BatchCommitter } from './batch-commit.js';
import { openDatabase } from './database.js';
import { SqliteSubscription } from './sqlite-subscription.js';

const event = (type: string): NewEvent => ({
  id: `${type}-${Math.random().toString(36).slice(2)}`, type, data: {}, metadata: { actor: 'spec', correlationId: 'c', occurredAt: '2030-01-01T00:00:00Z' },
});

/** The database, counting the queries of the statements prepared on it (the subscription's page reads). */
function counting(db: Database.Database): { db: Database.Database; queries: () => number } {
  let queries = 0;
  const statement = (inner: Database.Statement): Database.Statement =>
    new Proxy(inner, {
      get(target, key) {
        if (key === 'raw' || key === 'pluck') return (...args: unknown[]) => statement((target[key] as (...a: unknown[]) => Database.Statement).apply(target, args));
        if (key === 'all' || key === 'get') return (...args: unknown[]) => (queries++, (target[key] as (...a: unknown[]) => unknown).apply(target, args));
        const value = Reflect.get(target, key) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const proxy = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => statement(target.prepare(sql));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, queries: () => queries };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not delivered within ${ms} ms`)), ms))]);

describe('SqliteSubscription woken by the appends of its process', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hourbank-sub-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A filtered subscription on the store's file that never polls: only the appends' signal wakes it. */
  const subscribe = (filter: { streamCategories?: string[]; eventTypes?: string[] }) => {
    const observed = counting(store.db);
    const key = appendedSignal.key(store.filePath);
    const subscription = new SqliteSubscription(
      { db: observed.db, pageSize: 100, pollIntervalMs: 600_000, onAppended: (listener) => appendedSignal.on(key, listener), isOpen: () => true, closed: () => undefined },
      { filter },
    );
    return { subscription, queries: observed.queries };
  };

  it('moves past appends none of whose events it takes without a query, and reads the one it takes', async () => {
    await store.append('wanted-0', [event('test.kept.v1')], 'no_stream');
    const { subscription, queries } = subscribe({ streamCategories: ['wanted'] });
    const iterator = subscription[Symbol.asyncIterator]();
    expect(((await iterator.next()).value as RecordedEvent).stream).to.equal('wanted-0');
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = queries();
    for (let i = 0; i < 5; i++) await store.append(`other-${i}`, [event('test.kept.v1'), event('test.kept.v1')], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(queries(), 'queries for appends it does not take').to.equal(before);
    expect(subscription.progress()).to.deep.equal({ caughtUp: true, passed: store.headPosition() });
    await store.append('wanted-1', [event('test.kept.v1')], 'no_stream');
    const taken = (await within(next, 2000)).value as RecordedEvent;
    expect([taken.stream, taken.position]).to.deep.equal(['wanted-1', store.headPosition()]);
    expect(queries()).to.be.above(before);
    await subscription.close();
  });

  it('reads after an append it is not told all of: one of another process, or after a position it has not read', async () => {
    const { subscription, queries } = subscribe({ eventTypes: ['test.kept.v1'] });
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = queries();
    // Another process's append sends no signal: committed here on a connection of its own, then one of this process follows.
    const other = openDatabase(join(dir, 'events.sqlite'), { synchronous: 'FULL' });
    new BatchCommitter(other, new SqliteAppender(other)).commitBatch([{ stream: 'elsewhere-1', events: encodeEvents([event('test.kept.v1')]), expected: 'no_stream' }]);
    other.close();
    expect(queries(), 'not woken by another connection').to.equal(before);
    await store.append('here-1', [event('test.skipped.v1')], 'no_stream');
    const taken = (await within(next, 2000)).value as RecordedEvent;
    expect(taken.stream, 'the event the notice did not cover').to.equal('elsewhere-1');
    expect(queries()).to.be.above(before);
    await subscription.close();
  });
});
