import type { NewEvent } from '#kernel';
import { isWrongExpectedRevision } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.js';
import { ForwardingEventStore } from '../forwarding-event-store.js';
import { linkHash, sealEvents } from './seal.js';

/** Conflicts an `any` / `stream_exists` append retries after before it gives up (writers racing on one stream). */
const MAX_ATTEMPTS = 20;
/** How far back an `any` / `stream_exists` repeat is looked for (EventStoreDB bounds its own memory of them too). */
const REPEAT_LOOKBACK = 100;

interface Placement {
  /** The revision the first new event follows (-1: the stream's start). */
  readonly lastRevision: number;
  readonly prev: string | null;
  /** What the store is asked to check: always a place, so the seal's link cannot be wrong once written. */
  readonly expected: ExpectedRevision;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/**
 * Any EventStore, its appends sealed: each event's metadata gets its seal, chained to the previous event of its
 * stream. The link is decided against the event the store holds at the expected revision, and the store is always
 * asked for that exact place, so a racing writer makes the append fail (and retry) instead of linking it wrongly.
 * Reads, subscriptions and everything else pass through.
 */
export class SealingEventStore extends ForwardingEventStore {
  override async append(stream: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return this.inner.append(stream, events, expectedRevision);
    const placed = expectedRevision === 'no_stream' || typeof expectedRevision === 'number';
    for (let attempt = 1; ; attempt++) {
      const placement = placed ? await this.placed(stream, expectedRevision) : await this.unplaced(stream, events, expectedRevision);
      if ('repeat' in placement) return placement.repeat;
      try {
        return await this.inner.append(stream, sealEvents(stream, placement.lastRevision, placement.prev, events), placement.expected);
      } catch (error) {
        if (placed || !isWrongExpectedRevision(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async placed(stream: string, expected: 'no_stream' | number): Promise<Placement> {
    if (expected === 'no_stream') return { lastRevision: -1, prev: null, expected };
    // Read to its end (maxCount bounds it), never left early: a read cancelled while its answer arrives costs a
    // gRPC stream reset on EventStoreDB, and many at once under concurrent appends upset the client's channel.
    const [at] = Number.isSafeInteger(expected) && expected >= 0 ? await collect(this.inner.readStream(stream, { fromRevision: expected, maxCount: 1 })) : [];
    return { lastRevision: expected, prev: at && at.revision === expected ? linkHash(at) : null, expected };
  }

  /**
   * `any` / `stream_exists`: placed after the stream's last event, unless the append is a repeat of one written
   * among its last events (an exact revision at the stream's end is not checked for repeats by every server).
   * Asked again at the place it was written, the store recognises the repeat by its ids and answers as the first time.
   */
  private async unplaced(stream: string, events: readonly NewEvent[], expected: 'any' | 'stream_exists'): Promise<Placement | { repeat: AppendResult }> {
    const recent = await collect(this.inner.readStream(stream, { direction: 'backwards', maxCount: REPEAT_LOOKBACK }));
    const last = recent[0];
    if (!last) return { lastRevision: -1, prev: null, expected: expected === 'stream_exists' ? expected : 'no_stream' };
    const earlier = recent.findIndex((event) => event.id === events[0]!.id);
    if (earlier < 0) return { lastRevision: last.revision, prev: linkHash(last), expected: last.revision };
    const before = recent[earlier + 1];
    const lastRevision = recent[earlier]!.revision - 1;
    const prev = before ? linkHash(before) : null;
    const sealed = sealEvents(stream, lastRevision, prev, events);
    return { repeat: await this.inner.append(stream, sealed, lastRevision < 0 ? 'no_stream' : lastRevision) };
  }
}
