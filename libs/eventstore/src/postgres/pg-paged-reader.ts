import type { RecordedEvent } from '#kernel';
import { toRecordedEvent } from '../sqlite/rows.js';
import type { EventRow } from '../sqlite/schema.js';

export interface AsyncPageSource {
  /** Up to `limit` rows after (or from) the cursor. */
  readonly read: (cursor: number, limit: number) => Promise<EventRow[]>;
  /** The cursor for the page after the one ending with this row. */
  readonly next: (row: EventRow) => number;
  readonly pageSize: number;
}

/**
 * Streams rows a page at a time from the server, asking for the next page as soon as the current one arrives, so
 * the round trip overlaps with the consumer's work on the page in hand.
 */
export class PgPagedReader implements AsyncIterableIterator<RecordedEvent> {
  private rows: EventRow[] = [];
  private index = 0;
  private pending: Promise<EventRow[]> | undefined;
  private exhausted = false;

  constructor(
    private readonly source: AsyncPageSource,
    private cursor: number,
    private remaining: number,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<RecordedEvent> {
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent>> {
    if (this.index >= this.rows.length && !(await this.fetch())) return { done: true, value: undefined };
    return { done: false, value: toRecordedEvent(this.rows[this.index++]!) };
  }

  async return(): Promise<IteratorResult<RecordedEvent>> {
    this.exhausted = true;
    this.rows = [];
    await this.pending?.catch(() => undefined);
    return { done: true, value: undefined };
  }

  private request(): Promise<EventRow[]> | undefined {
    if (this.exhausted || this.remaining <= 0) return undefined;
    const limit = Math.min(this.source.pageSize, this.remaining);
    return this.source.read(this.cursor, limit).then((rows) => {
      this.remaining -= rows.length;
      if (rows.length < limit) this.exhausted = true;
      if (rows.length > 0) this.cursor = this.source.next(rows[rows.length - 1]!);
      return rows;
    });
  }

  private async fetch(): Promise<boolean> {
    const page = this.pending ?? this.request();
    this.pending = undefined;
    if (!page) return false;
    this.rows = await page;
    this.index = 0;
    if (this.rows.length === 0) return false;
    const ahead = this.request();
    ahead?.catch(() => undefined);
    this.pending = ahead;
    return true;
  }
}
