import type { AppendResult as EsdbAppendResult, EventStoreDBClient } from '@eventstore/db-client';
import type { NewEvent, RecordedEvent } from '#kernel';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision, ReadStreamOptions } from '../event-store.js';
import { expectationMet, NO_POSITION, positionToNumber, toEsdbExpectedRevision, toSafeNumber } from './conversions.js';
import { toEventData } from './envelope.js';
import { pauseBeforeAttempt, RECONNECT_ATTEMPTS } from './reconnect.js';
import { isConnectionLost, isNotLeader, isWrongExpectedVersion, toPortError, toWrongExpectedRevision } from './eventstoredb-errors.js';

export interface StoreReads {
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  headPosition(): Promise<number | undefined>;
}

export interface AppenderOptions {
  /**
   * How long an append may take before it fails as unavailable (default 15 s): a guard above the client's own
   * deadline (10 s unless `defaultDeadline` says otherwise) for a server that never answers at all.
   */
  readonly appendTimeoutMs?: number;
}

/**
 * Sent again after a short pause: an append a follower refused (NotLeader: the client has switched to the leader it
 * named, nothing was written), and an append that names its place (no stream, exact revision) whose connection was
 * lost (the client reconnects; if the first attempt was written, the server recognises the repeat by its ids).
 */
/** Appends with the port's guarantees on top of the server's: idempotent repeats, typed conflicts and failures. */
export class EventStoreDbAppender {
  private readonly timeoutMs: number;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly reads: StoreReads,
    options: AppenderOptions = {},
  ) {
    this.timeoutMs = options.appendTimeoutMs ?? 15_000;
  }

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const expectedRevision = toEsdbExpectedRevision(expected);
    if (events.length === 0) return this.appendNothing(stream, expected);
    for (let attempt = 1; ; attempt++) {
      try {
        // requiresLeader: after an election the old leader answers NotLeader and the client moves to the new one.
        const written = this.client.appendToStream(stream, events.map(toEventData), { expectedRevision, requiresLeader: true });
        return await this.toAppendResult(stream, await this.guarded(written));
      } catch (error) {
        const placed = typeof expected === 'number' || expected === 'no_stream';
        if ((isNotLeader(error) || (placed && isConnectionLost(error))) && attempt < RECONNECT_ATTEMPTS) {
          await pauseBeforeAttempt(attempt);
          continue;
        }
        if (!isWrongExpectedVersion(error)) throw toPortError(error, { stream });
        const earlier = await this.earlierWrite(stream, events, expected);
        if (earlier !== undefined) return earlier;
        throw toWrongExpectedRevision(error, stream, expected);
      }
    }
  }

  private guarded(written: Promise<EsdbAppendResult>): Promise<EsdbAppendResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      const message = `EventStoreDB did not answer the append within ${this.timeoutMs} ms; it may or may not have been written`;
      timer = setTimeout(() => reject(new EventStoreUnavailableError(message)), this.timeoutMs);
    });
    return Promise.race([written, timeout]).finally(() => clearTimeout(timer));
  }

  /** As the embedded store does: the expectation is still checked, and the result names where things stand. */
  private async appendNothing(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const last = await first(this.reads.readStream(stream, { direction: 'backwards', maxCount: 1 }));
    const current = last?.revision ?? 'no_stream';
    if (!expectationMet(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current);
    return { nextExpectedRevision: last?.revision ?? -1, position: (await this.reads.headPosition()) ?? 0 };
  }

  /** An idempotent success may come back without a position; the last event's own position is read then. */
  private async toAppendResult(stream: string, result: EsdbAppendResult): Promise<AppendResult> {
    const nextExpectedRevision = toSafeNumber(result.nextExpectedRevision, 'revision');
    const position = result.position;
    if (position !== undefined && position.commit !== NO_POSITION) {
      return { nextExpectedRevision, position: positionToNumber(position) };
    }
    const last = await first(this.reads.readStream(stream, { fromRevision: nextExpectedRevision, maxCount: 1 }));
    if (last === undefined) throw new Error(`Stream ${stream}: revision ${nextExpectedRevision} unreadable after append`);
    return { nextExpectedRevision, position: last.position };
  }

  /**
   * A repeat of an append that names its place (no stream, or an exact revision) is recognised by the server itself,
   * which compares the ids stored there; on a conflict the adapter compares them too, so the answer does not depend
   * on the server version: the same ids in the same order are the first write, whose result is returned.
   */
  private async earlierWrite(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult | undefined> {
    if (typeof expected !== 'number' && expected !== 'no_stream') return undefined;
    const fromRevision = expected === 'no_stream' ? 0 : expected + 1;
    const found: RecordedEvent[] = [];
    for await (const event of this.reads.readStream(stream, { fromRevision, maxCount: events.length })) found.push(event);
    if (found.length !== events.length || found.some((event, i) => event.id !== events[i]!.id)) return undefined;
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position };
  }
}

/** The first item of a read bounded by `maxCount: 1`, read to its end: a read left early is cancelled (a stream reset). */
async function first<T>(items: AsyncIterable<T>): Promise<T | undefined> {
  let found: T | undefined;
  for await (const item of items) found ??= item;
  return found;
}
