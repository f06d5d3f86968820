import type { AppendResult as EsdbAppendResult, EventStoreDBClient } from '@eventstore/db-client';
import type { NewEvent, RecordedEvent } from '#kernel';
import { WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision, ReadStreamOptions } from '../event-store.js';
import { expectationMet, NO_POSITION, positionToNumber, toEsdbExpectedRevision, toSafeNumber } from './conversions.js';
import { toEventData } from './envelope.js';
import { isWrongExpectedVersion, toWrongExpectedRevision } from './eventstoredb-errors.js';

export interface StoreReads {
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  headPosition(): Promise<number | undefined>;
}

/** Appends with the port's guarantees on top of the server's: idempotent repeats, typed conflicts. */
export class EventStoreDbAppender {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly reads: StoreReads,
  ) {}

  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const expectedRevision = toEsdbExpectedRevision(expected);
    if (events.length === 0) return this.appendNothing(stream, expected);
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), { expectedRevision });
      return await this.toAppendResult(stream, result);
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      const earlier = await this.earlierWrite(stream, events, expected);
      if (earlier !== undefined) return earlier;
      throw toWrongExpectedRevision(error, stream, expected);
    }
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
   * EventStoreDB's own id dedupe is best-effort (it remembers recent writes). For an append that names its
   * place (no stream, or an exact revision), the events at that place are compared by id: the same ids in
   * the same order are the first write, whose result is returned and nothing is written.
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

async function first<T>(items: AsyncIterable<T>): Promise<T | undefined> {
  for await (const item of items) return item;
  return undefined;
}
