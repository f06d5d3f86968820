import type { NewEvent, RecordedEvent } from '#kernel';
import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoreStatus,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionFilter,
  WrongExpectedRevisionError,
  streamCategory,
} from '#eventstore';

const matches = (event: RecordedEvent, filter?: SubscriptionFilter): boolean =>
  (!filter?.streamCategories || filter.streamCategories.includes(streamCategory(event.stream))) &&
  (!filter?.eventTypes || filter.eventTypes.includes(event.type));

/** A faithful, process-local EventStore for tests: global positions start at 1 and are dense. */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, RecordedEvent>();
  private readonly wakeups = new Set<() => void>();

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const current = this.streams.get(stream) ?? [];
    const repeat = events.length > 0 && events.every((e) => this.byId.get(e.id)?.stream === stream);
    if (repeat) {
      const first = this.byId.get(events[0]!.id)!;
      const last = this.byId.get(events[events.length - 1]!.id)!;
      return { nextExpectedRevision: last.revision, position: first.position };
    }
    this.checkExpected(stream, current.length - 1, expected);
    const now = new Date().toISOString();
    for (const event of events) {
      const recorded: RecordedEvent = {
        ...structuredClone(event),
        stream,
        revision: current.length,
        position: this.log.length + 1,
        recordedAt: now,
      };
      current.push(recorded);
      this.log.push(recorded);
      this.byId.set(event.id, recorded);
    }
    this.streams.set(stream, current);
    for (const wake of [...this.wakeups]) wake();
    return { nextExpectedRevision: current.length - 1, position: this.log.length };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const events = this.streams.get(stream) ?? [];
    const backwards = options.direction === 'backwards';
    const ordered = backwards ? [...events].reverse() : events;
    const from = options.fromRevision;
    const selected = ordered.filter((e) => from === undefined || (backwards ? e.revision <= from : e.revision >= from));
    yield* selected.slice(0, options.maxCount ?? selected.length);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    for (const event of this.log.slice(options.after ?? 0)) {
      if (remaining <= 0) return;
      if (!matches(event, options.filter)) continue;
      remaining--;
      yield event;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    let closed = false;
    let wake: (() => void) | undefined;
    let passed: number | undefined;
    let next = options.after ?? 0;
    const store = this;
    async function* iterate(): AsyncGenerator<RecordedEvent> {
      while (!closed) {
        if (next >= store.log.length) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            store.wakeups.add(resolve);
          });
          if (wake) store.wakeups.delete(wake);
          continue;
        }
        const event = store.log[next++]!;
        if (!matches(event, options.filter)) {
          passed = event.position;
          continue;
        }
        passed = undefined;
        yield event;
      }
    }
    const iterator = iterate();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        wake?.();
      },
      progress: () => ({ caughtUp: next >= store.log.length, ...(passed !== undefined && { passed }) }),
    };
  }

  async isPosition(position: number): Promise<boolean> {
    return Number.isSafeInteger(position) && position >= 1 && position <= this.log.length;
  }

  async status(): Promise<StoreStatus> {
    return { backend: 'sqlite', ok: true, headPosition: this.log.length, detail: 'in-memory test double' };
  }

  async close(): Promise<void> {
    for (const wake of [...this.wakeups]) wake();
  }

  private checkExpected(stream: string, last: number, expected: ExpectedRevision): void {
    const actual = last < 0 ? 'no_stream' : last;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && last < 0) ||
      (expected === 'stream_exists' && last >= 0) ||
      expected === last;
    if (!ok) throw new WrongExpectedRevisionError(stream, expected, actual);
  }
}
