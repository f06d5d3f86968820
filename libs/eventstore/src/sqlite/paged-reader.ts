import type { RecordedEvent } from '#kernel';
import { toRecordedEvent } from './rows.js';
import type { EventRow } from './schema.js';

export interface PageSource {
  /** Up to `limit` rows after (or from) the cursor. */
  readonly read: (cursor: number, limit: number) => EventRow[];
  /** The cursor for the page after the one ending with this row. */
  readonly next: (row: EventRow) => number;
  readonly pageSize: number;
  readonly assertOpen: () => void;
}

/**
 * Streams rows a page at a time. Written by hand rather than as an async generator: handing out an
 * already-resolved promise per event costs a fraction of a generator's suspend and resume.
 */
export class PagedReader implements AsyncIterableIterator<RecordedEvent> {
  private rows: EventRow[] = [];
  private index = 0;
  private exhausted = false;

  constructor(
    private readonly source: PageSource,
    private cursor: number,
    private remaining: number,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<RecordedEvent> {
    return this;
  }

  next(): Promise<IteratorResult<RecordedEvent>> {
    try {
      if (this.index >= this.rows.length && !this.fetch()) return Promise.resolve({ done: true, value: undefined });
      return Promise.resolve({ done: false, value: toRecordedEvent(this.rows[this.index++]!) });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return(): Promise<IteratorResult<RecordedEvent>> {
    this.exhausted = true;
    this.rows = [];
    return Promise.resolve({ done: true, value: undefined });
  }

  private fetch(): boolean {
    if (this.exhausted || this.remaining <= 0) return false;
    this.source.assertOpen();
    const limit = Math.min(this.source.pageSize, this.remaining);
    this.rows = this.source.read(this.cursor, limit);
    this.index = 0;
    this.remaining -= this.rows.length;
    if (this.rows.length < limit) this.exhausted = true;
    if (this.rows.length === 0) return false;
    this.cursor = this.source.next(this.rows[this.rows.length - 1]!);
    return true;
  }
}
