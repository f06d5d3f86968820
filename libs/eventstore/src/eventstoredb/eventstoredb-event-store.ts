import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, START,
  type AllStreamResolvedEvent, type ResolvedEvent, type StreamingRead,
} from '@eventstore/db-client';
import type { NewEvent, RecordedEvent } from '#kernel';
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, StoreStatus, SubscribeOptions, Subscription,
} from '../event-store.js';
import { readPositionFrom, readRevisionFrom, toBigInt } from './conversions.js';
import { toRecordedEvent } from './envelope.js';
import { EventStoreDbAppender } from './eventstoredb-append.js';
import { isStreamNotFound } from './eventstoredb-errors.js';
import { EventStoreDbSubscription } from './eventstoredb-subscription.js';
import { matchesFilter, serverFilter } from './filters.js';

type Read = StreamingRead<ResolvedEvent> | StreamingRead<AllStreamResolvedEvent>;

/** How many records back from the end of $all the head looks for an event the port would show. */
const HEAD_LOOKBACK = 100;

/** The server adapter: streams, $all and catch-up subscriptions of EventStoreDB 22.6+ over gRPC. */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly appender: EventStoreDbAppender;

  constructor(private readonly client: EventStoreDBClient) {
    this.appender = new EventStoreDbAppender(client, this);
  }

  /** e.g. `esdb://localhost:2113?tls=false`, or `esdb://node1:2113,node2:2113,node3:2113?tls=false` for a cluster. */
  static fromConnectionString(connectionString: string): EventStoreDbEventStore {
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString));
  }

  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.appender.append(stream, events, expectedRevision);
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    if (options.maxCount === 0) return;
    const backwards = options.direction === 'backwards';
    const read = this.client.readStream(stream, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: readRevisionFrom(options.fromRevision, backwards ? END : START),
      ...(options.maxCount === undefined ? {} : { maxCount: toBigInt(options.maxCount, 'maxCount') }),
    });
    try {
      yield* recordedEvents(read);
    } catch (error) {
      if (!isStreamNotFound(error)) throw error;
    }
  }

  /** The server's `maxCount` would count system events too, so the count is kept here and the read cancelled. */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const read = this.client.readAll({ fromPosition: readPositionFrom(options.after) });
    for await (const event of recordedEvents(read)) {
      // Reading $all from a position includes the event at it; the port's `after` is exclusive.
      if (options.after !== undefined && event.position <= options.after) continue;
      // readAll takes no server-side filter in this client (only subscriptions do): it is applied here.
      if (options.filter && !matchesFilter(event, options.filter)) continue;
      yield event;
      if (--remaining <= 0) return;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const source = this.client.subscribeToAll({
      fromPosition: readPositionFrom(options.after),
      filter: serverFilter(options.filter),
    });
    const onClose = (closed: EventStoreDbSubscription) => this.subscriptions.delete(closed);
    const subscription = new EventStoreDbSubscription(source, options.after, options.filter, onClose);
    this.subscriptions.add(subscription);
    return subscription;
  }

  async status(): Promise<StoreStatus> {
    try {
      const headPosition = await this.headPosition();
      return { backend: 'eventstoredb', ok: true, ...(headPosition === undefined ? {} : { headPosition }) };
    } catch (error) {
      return { backend: 'eventstoredb', ok: false, detail: (error as Error).message };
    }
  }

  /** Position of the newest non-system event, if one is among the last records of $all. */
  async headPosition(): Promise<number | undefined> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: HEAD_LOOKBACK });
    for await (const event of recordedEvents(read)) return event.position;
    return undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }
}

async function* recordedEvents(read: Read): AsyncGenerator<RecordedEvent> {
  try {
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (event !== undefined) yield event;
    }
  } finally {
    await read.cancel();
  }
}
