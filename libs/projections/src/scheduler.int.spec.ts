import Database from 'better-sqlite3';
import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import type { EventStore } from '#eventstore';
import type { Clock } from '#kernel';
import { type DueItem, deadlinesProjection } from './due-items.js';
import type { Db } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';
import { Scheduler } from './scheduler.js';
import { backends, event, readModelDb, waitFor } from './spec-fixtures.js';

class MovableClock implements Clock {
  constructor(public instant: Temporal.Instant) {}
  now = () => this.instant;
  advance(duration: Temporal.DurationLike) {
    this.instant = this.instant.toZonedDateTimeISO('UTC').add(duration).toInstant();
  }
}

const start = Temporal.Instant.from('2025-01-01T00:00:00Z');
const at = (hours: number) => start.add({ hours }).toString();
const projection = deadlinesProjection({
  version: 1,
  filter: { streamCategories: ['deadline'] },
  rules: [
    (e) => (e.type === 'test.deadline.set.v1' ? [{ upsert: { kind: 'test', payload: { from: e.id }, ...(e.data as { key: string; dueAt: string }) } }] : []),
    (e) => (e.type === 'test.deadline.cancelled.v1' ? [{ cancel: (e.data as { key: string }).key }] : []),
  ],
});

for (const [backend, openStore] of backends) {
  describe(`Scheduler over the deadlines projection on the ${backend}`, () => {
    let store: EventStore;
    let db: Db;
    let runner: ProjectionRunner;
    let clock: MovableClock;
    let dispatched: string[];
    const dispatch = async (item: DueItem) => void dispatched.push(item.key);
    const setDeadline = (key: string, dueAt: string) => store.append(`deadline-${key}`, [event('test.deadline.set.v1', { key, dueAt })], 'any');
    const projected = async () => {
      const head = (await store.status()).headPosition;
      await waitFor(async () => (await runner.status()).position === head);
    };
    beforeEach(async () => {
      store = openStore();
      db = readModelDb();
      clock = new MovableClock(start);
      dispatched = [];
      runner = new ProjectionRunner(projection, store, db);
      await runner.start();
    });
    afterEach(async () => {
      await runner.stop();
      await store.close();
      db.close();
    });

    describe('with items due at different times', () => {
      it('fires none before they are due, then each once, in due-time order', async () => {
        for (const [key, hours] of [['c', 3], ['a', 1], ['b', 2]] as const) await setDeadline(key, at(hours));
        await projected();
        const scheduler = new Scheduler(db, { clock, dispatch });
        expect(await scheduler.tick()).to.deep.equal([]);
        clock.advance({ hours: 2 });
        await scheduler.tick();
        await scheduler.tick();
        expect(dispatched).to.deep.equal(['a', 'b']);
        clock.advance({ hours: 1 });
        const fired = await scheduler.tick();
        expect(fired.map((i) => i.key)).to.deep.equal(['c']);
        expect(fired[0]).to.deep.include({ kind: 'test', dueAt: '2025-01-01T03:00:00.000Z' });
        expect(dispatched).to.deep.equal(['a', 'b', 'c']);
      });

      it('does not fire a cancelled item', async () => {
        await setDeadline('a', at(1));
        await store.append('deadline-a', [event('test.deadline.cancelled.v1', { key: 'a' })], 'any');
        await projected();
        clock.advance({ hours: 5 });
        expect(await new Scheduler(db, { clock, dispatch }).tick()).to.deep.equal([]);
      });

      it('leaves an item whose dispatch failed due for the next tick, and fires the others meanwhile', async () => {
        await setDeadline('a', at(1));
        await setDeadline('b', at(2));
        await projected();
        clock.advance({ hours: 3 });
        let failing = true;
        const scheduler = new Scheduler(db, { clock, dispatch: async (item) => (item.key === 'a' && failing ? Promise.reject(new Error('busy')) : dispatch(item)) });
        await scheduler.tick();
        expect(dispatched).to.deep.equal(['b']);
        expect(await scheduler.status()).to.deep.include({ pending: 1, overdue: 1 });
        failing = false;
        await scheduler.tick();
        expect(dispatched).to.deep.equal(['b', 'a']);
      });
    });

    describe('after downtime', () => {
      it('fires every overdue item on start, in order', async () => {
        for (let day = 5; day >= 1; day--) await setDeadline(`d${day}`, at(day * 24));
        await projected();
        clock.advance({ days: 30 });
        const scheduler = new Scheduler(db, { clock, dispatch });
        scheduler.start(60_000);
        await waitFor(() => dispatched.length === 5);
        await scheduler.stop();
        expect(dispatched).to.deep.equal(['d1', 'd2', 'd3', 'd4', 'd5']);
      });
    });

    describe('with two schedulers on one database', () => {
      it('never fires a key twice', async () => {
        for (let i = 0; i < 40; i++) await setDeadline(`k${String(i).padStart(2, '0')}`, at(i));
        await projected();
        clock.advance({ days: 3 });
        const other = new Database(db.name);
        const slowDispatch = async (item: DueItem) => {
          await new Promise((resolve) => setTimeout(resolve, 1));
          dispatched.push(item.key);
        };
        const [first, second] = await Promise.all([
          new Scheduler(db, { clock, dispatch: slowDispatch }).tick(),
          new Scheduler(other, { clock, dispatch: slowDispatch }).tick(),
        ]);
        other.close();
        expect(dispatched).to.have.length(40);
        expect(new Set(dispatched).size).to.equal(40);
        expect(first.length).to.be.greaterThan(0);
        expect(second.length).to.be.greaterThan(0);
      });
    });

    describe('when the clock jumps months ahead', () => {
      it('fires everything due by then and nothing later', async () => {
        for (let month = 1; month <= 14; month++) {
          await setDeadline(`m${String(month).padStart(2, '0')}`, start.toZonedDateTimeISO('UTC').add({ months: month }).toInstant().toString());
        }
        await projected();
        const scheduler = new Scheduler(db, { clock, dispatch });
        clock.advance({ months: 12 });
        await scheduler.tick();
        expect(dispatched).to.deep.equal(Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`));
        expect(await scheduler.status()).to.include({ pending: 2, overdue: 0, nextDueAt: '2026-02-01T00:00:00.000Z' });
      });
    });

    describe('when the deadlines projection is rebuilt', () => {
      it('keeps what was fired, so nothing fires again', async () => {
        await setDeadline('a', at(1));
        await setDeadline('b', at(100));
        await projected();
        clock.advance({ hours: 2 });
        const scheduler = new Scheduler(db, { clock, dispatch });
        await scheduler.tick();
        await runner.rebuild();
        clock.advance({ hours: 200 });
        await scheduler.tick();
        expect(dispatched).to.deep.equal(['a', 'b']);
      });
    });
  });
}
