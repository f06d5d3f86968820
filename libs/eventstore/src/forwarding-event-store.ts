import type { NewEvent, RecordedEvent } from '#kernel';
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, StoreStatus, SubscribeOptions, Subscription,
} from './event-store.js';

/** An EventStore that hands every call to another: what a decorator changing one or two of them starts from. */
export class ForwardingEventStore implements EventStore {
  constructor(readonly inner: EventStore) {}

  get reportsFilteredPositions(): boolean | undefined {
    return this.inner.reportsFilteredPositions;
  }

  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(stream, events, expectedRevision);
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(options);
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
}
