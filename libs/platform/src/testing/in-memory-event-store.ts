import type { NewEvent, RecordedEvent } from '#kernel';
import {
  WrongExpectedRevisionError, type AppendResult, type EventStore, type ExpectedRevision, type ReadStreamOptions, type StoreStatus, type Subscription,
} from '#eventstore';

/** A minimal in-process store for the platform's own specs (no subscriptions). */
export class InMemoryEventStore implements EventStore {
  readonly log: RecordedEvent[] = [];
  appendCalls = 0;
  /** Called before each append: lets a spec slip in a competing writer. */
  beforeAppend?: (stream: string) => Promise<void> | void;

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.appendCalls++;
    await this.beforeAppend?.(stream);
    const existing = this.log.filter((e) => e.stream === stream);
    const actual = existing.length === 0 ? 'no_stream' : existing.length - 1;
    const repeat = existing.find((e) => e.id === events[0]?.id);
    if (repeat) {
      const last = existing.filter((e) => events.some((n) => n.id === e.id)).at(-1)!;
      return { nextExpectedRevision: last.revision, position: last.position };
    }
    const matches = expected === 'any' || (expected === 'no_stream' ? actual === 'no_stream' : expected === 'stream_exists' ? actual !== 'no_stream' : expected === actual);
    if (!matches) throw new WrongExpectedRevisionError(stream, expected, actual);
    for (const [index, event] of events.entries()) {
      this.log.push({ ...event, stream, revision: existing.length + index, position: this.log.length + 1, recordedAt: new Date().toISOString() });
    }
    return { nextExpectedRevision: existing.length + events.length - 1, position: this.log.length };
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    yield* this.log.filter((e) => e.stream === stream && e.revision >= (options.fromRevision ?? 0));
  }

  async *readAll(): AsyncIterable<RecordedEvent> {
    yield* this.log;
  }

  subscribeToAll(): Subscription {
    throw new Error('InMemoryEventStore has no subscriptions');
  }

  async status(): Promise<StoreStatus> {
    return { backend: 'sqlite', ok: true, headPosition: this.log.length };
  }

  async close(): Promise<void> {}
}
