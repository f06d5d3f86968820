import {
  BACKWARDS, END, EventStoreDBClient, FORWARDS, START,
  type AllStreamResolvedEvent, type ResolvedEvent, type StreamingRead,
} from '@eventstore/db-client';
import type { NewEvent, RecordedEvent } from '#kernel';
import type {
  AppendResult, EventStore, ExpectedRevision, ReadAllOptions, ReadStreamOptions, StoreStatus, SubscribeOptions, Subscription,
} from '../event-store.js';
import { numberToPosition, readPositionFrom, readRevisionFrom, toBigInt } from './conversions.js';
import { appendFailuresAreResults, assertConnectionSettings } from './connection-settings.js';
import { recordPosition, toRecordedEvent } from './envelope.js';
import { EventStoreDbAppender, type AppenderOptions } from './eventstoredb-append.js';
import { isInvalidPosition, isStreamNotFound, toPortError } from './eventstoredb-errors.js';
import { EventStoreDbSubscription } from './eventstoredb-subscription.js';
import { matchesFilter, serverFilter } from './filters.js';
import { HeadReader } from './head-reader.js';
import { reopening } from './reconnect.js';
import { releaseStalledReads } from './stalled-reads.js';

type Read = StreamingRead<ResolvedEvent> | StreamingRead<AllStreamResolvedEvent>;

export interface EventStoreDbOptions extends AppenderOptions {
  /** How long `status()` waits for the last record of $all before it reports the store as not ok (default 5 s). */
  readonly statusTimeoutMs?: number;
}

/** The server adapter: streams, $all and catch-up subscriptions of EventStoreDB 22.6+ over gRPC. */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private readonly appender: EventStoreDbAppender;
  private readonly head: HeadReader;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions = {},
  ) {
    // With throwOnAppendFailure=false the client reports a refused append as {success:false}, which a caller
    // could take for a write: the port's guarantees need conflicts to be errors.
    if (appendFailuresAreResults(client)) throw new Error('EventStoreDB: throwOnAppendFailure=false is not supported; remove it from the connection string');
    this.appender = new EventStoreDbAppender(client, this, options);
    this.head = new HeadReader(() => this.readLastRecord(), options.statusTimeoutMs ?? 5000);
  }

  /** e.g. `esdb://localhost:2113?tls=false`, or `esdb://node1:2113,node2:2113,node3:2113?tls=false` for a cluster. */
  static fromConnectionString(connectionString: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    assertConnectionSettings(connectionString);
    return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
  }

  append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.appender.append(stream, events, expectedRevision);
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    if (options.maxCount === 0) return;
    const backwards = options.direction === 'backwards';
    const open = () =>
      this.recordedEvents(
        this.client.readStream(stream, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision: readRevisionFrom(options.fromRevision, backwards ? END : START),
          ...(options.maxCount === undefined ? {} : { maxCount: toBigInt(options.maxCount, 'maxCount') }),
        }),
      );
    try {
      yield* reopening(open);
    } catch (error) {
      if (!isStreamNotFound(error)) throw toPortError(error, { stream });
    }
  }

  /**
   * The server's `maxCount` would count system events too, so the count is kept here and the read cancelled.
   * Reading $all from a position includes the record there: it and the system records are dropped.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const open = () => this.recordedEvents(this.client.readAll({ fromPosition: readPositionFrom(options.after) }));
    try {
      for await (const event of reopening(open)) {
        if (options.after !== undefined && event.position <= options.after) continue;
        // readAll takes no server-side filter in this client (only subscriptions do): it is applied here.
        if (options.filter && !matchesFilter(event, options.filter)) continue;
        yield event;
        if (--remaining <= 0) return;
      }
    } catch (error) {
      throw toPortError(error, options.after === undefined ? {} : { position: options.after });
    }
  }

  /**
   * Without a filter the subscription asks the server for every record, system records included, so that their
   * positions reach the consumer (`progress().passed`) and its checkpoint can follow the head.
   */
  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const filtered = (options.filter?.streamCategories?.length ?? 0) + (options.filter?.eventTypes?.length ?? 0) > 0;
    const source = this.client.subscribeToAll({
      fromPosition: readPositionFrom(options.after),
      ...(filtered && { filter: serverFilter(options.filter) }),
    });
    const onClose = (closed: EventStoreDbSubscription) => this.subscriptions.delete(closed);
    const subscription = new EventStoreDbSubscription(source, options.after, options.filter, onClose);
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Reading $all from a position starts with the record there, if there is one; servers refuse other positions. */
  async isPosition(position: number): Promise<boolean> {
    if (!Number.isSafeInteger(position) || position < 0) return false;
    try {
      const [first] = await this.recordPositions({ fromPosition: numberToPosition(position), maxCount: 1 });
      return first === position;
    } catch (error) {
      if (isInvalidPosition(error)) return false;
      throw toPortError(error, { position });
    }
  }

  async status(): Promise<StoreStatus> {
    try {
      const headPosition = await this.head.read();
      return { backend: 'eventstoredb', ok: true, ...(headPosition === undefined ? {} : { headPosition }) };
    } catch (error) {
      return { backend: 'eventstoredb', ok: false, detail: (error as Error).message };
    }
  }

  /** Position of the last record of $all, system records included; undefined for an empty log. */
  headPosition(): Promise<number | undefined> {
    return this.head.read();
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    releaseStalledReads(this.client);
    await this.client.dispose();
  }

  private async readLastRecord(): Promise<number | undefined> {
    const [last] = await this.recordPositions({ direction: BACKWARDS, fromPosition: END, maxCount: 1 });
    return last;
  }

  /** Positions of the records of a short read of $all, system records included. */
  private async recordPositions(options: Parameters<EventStoreDBClient['readAll']>[0]): Promise<(number | undefined)[]> {
    const positions: (number | undefined)[] = [];
    const open = () => this.released(this.client.readAll(options));
    for await (const resolved of reopening(open)) positions.push(recordPosition(resolved));
    return positions;
  }

  private async *released(read: StreamingRead<AllStreamResolvedEvent>): AsyncGenerator<AllStreamResolvedEvent> {
    let ended = false;
    try {
      yield* read;
      ended = true;
    } finally {
      if (!ended) await this.release(read);
    }
  }

  private async *recordedEvents(read: Read): AsyncGenerator<RecordedEvent> {
    let ended = false;
    try {
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved);
        if (event !== undefined) yield event;
      }
      ended = true;
    } catch (error) {
      // "Stream not found" is the server's whole answer: its call ends by itself.
      ended = isStreamNotFound(error);
      throw error;
    } finally {
      // Only a read left before its end is cancelled. A cancel resets the call's HTTP/2 stream, and a server closes
      // the whole connection after a burst of resets (HTTP/2 rapid-reset protection): every short read or lookup of
      // a missing stream cancelled would add one.
      if (!ended) await this.release(read);
    }
  }

  /** A read left before its end is cancelled, and its stream released if the server had already ended it. */
  private async release(read: Read): Promise<void> {
    await read.cancel();
    releaseStalledReads(this.client);
  }
}
