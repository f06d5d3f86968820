import type { NewEvent, RecordedEvent } from '#kernel';
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, StoreStatus, SubscribeOptions, Subscription,
} from '#eventstore';

/**
 * A real store whose subscriptions a test can cut, as a lost connection would: every open subscription's iteration
 * fails at once with an error. For stores without a network between them and their readers (SQLite); a server
 * store (or its model) should be cut at the connection instead.
 */
export class DroppableEventStore implements EventStore {
  private readonly open = new Set<{ cut(error: Error): void }>();

  constructor(private readonly inner: EventStore) {}

  /** Fails every subscription open now; returns how many there were. */
  drop(error = new Error('connection lost (injected fault)')): number {
    const open = [...this.open];
    for (const subscription of open) subscription.cut(error);
    return open.length;
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(stream, events, expected);
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  isPosition(position: number): Promise<boolean> {
    return this.inner.isPosition(position);
  }

  status(): Promise<StoreStatus> {
    return this.inner.status();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribeToAll(options);
    const iterator = inner[Symbol.asyncIterator]();
    let cut: (error: Error) => void = () => {};
    const failed = new Promise<never>((_, reject) => (cut = reject));
    failed.catch(() => {});
    const handle = { cut: (error: Error) => (cut(error), void inner.close()) };
    this.open.add(handle);
    const close = async () => (this.open.delete(handle), inner.close());
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.race([iterator.next(), failed]),
        return: async () => (await close(), { done: true, value: undefined }),
      }),
      close,
      ...(inner.progress && { progress: () => inner.progress!() }),
    };
  }
}
