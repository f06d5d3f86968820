import type { NewEvent } from '#kernel';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.js';
import { streamCategory } from '../event-store.js';
import type { SqliteDatabase } from './database.js';

type Current = number | 'no_stream';

/** An event as the writer stores it: payload and metadata already JSON text (encoded where the append was asked). */
export interface EncodedEvent {
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export const encodeEvents = (events: readonly NewEvent[]): EncodedEvent[] =>
  events.map((event) => ({ id: event.id, type: event.type, data: JSON.stringify(event.data ?? null), metadata: JSON.stringify(event.metadata) }));

/** What one append does inside the writer's transaction: check the expected revision, recognise a repeat, insert. */
export class SqliteAppender {
  private readonly lastRevision;
  private readonly findById;
  private readonly insert;
  private readonly headPosition;

  constructor(db: SqliteDatabase) {
    this.lastRevision = db.prepare('SELECT max(revision) FROM events WHERE stream = ?').pluck();
    this.findById = db.prepare('SELECT stream, revision, position FROM events WHERE id = ?').raw();
    this.insert = db.prepare(`INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.headPosition = db.prepare('SELECT coalesce(max(position), 0) FROM events').pluck();
  }

  /**
   * Must run inside a write transaction; a unique-id violation comes out as a DuplicateEventIdError. `insertedFrom`:
   * the position of the first event inserted now (absent for a repeat or an empty append).
   */
  appendInTransaction(stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): { result: AppendResult; insertedFrom?: number } {
    try {
      const last = this.lastRevision.get(stream) as number | null;
      const current: Current = last ?? 'no_stream';
      const repeat = events.length > 0 ? this.earlierWrite(stream, events, expected, current) : undefined;
      if (repeat) return { result: repeat };
      if (!matches(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current);
      if (events.length === 0) return { result: { nextExpectedRevision: last ?? -1, position: this.headPosition.get() as number } };
      return this.insertAll(stream, events, last ?? -1);
    } catch (error) {
      if (isUniqueIdViolation(error)) throw new DuplicateEventIdError(stream, events.map((e) => e.id));
      throw error;
    }
  }

  private insertAll(stream: string, events: readonly EncodedEvent[], last: number): { result: AppendResult; insertedFrom: number } {
    const category = streamCategory(stream);
    const recordedAt = new Date().toISOString();
    let revision = last;
    let position = 0;
    let insertedFrom = 0;
    for (const event of events) {
      revision += 1;
      const info = this.insert.run(event.id, stream, category, revision, event.type, event.data, event.metadata, recordedAt);
      position = Number(info.lastInsertRowid);
      if (revision === last + 1) insertedFrom = position;
    }
    return { result: { nextExpectedRevision: revision, position }, insertedFrom };
  }

  /** Same ids already at consecutive revisions of this stream, where `expected` places them: the first result. */
  private earlierWrite(stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision, current: Current) {
    const first = this.findById.get(events[0]!.id) as [string, number, number] | undefined;
    if (first === undefined) return undefined;
    const [firstStream, firstRevision] = first;
    if (firstStream !== stream) throw new DuplicateEventIdError(stream, [events[0]!.id]);
    if (!placedAt(expected, firstRevision)) throw new WrongExpectedRevisionError(stream, expected, current);
    let lastPosition = first[2];
    for (let i = 1; i < events.length; i++) {
      const found = this.findById.get(events[i]!.id) as [string, number, number] | undefined;
      if (found === undefined || found[0] !== stream || found[1] !== firstRevision + i) {
        throw new DuplicateEventIdError(stream, events.map((e) => e.id));
      }
      lastPosition = found[2];
    }
    return { nextExpectedRevision: firstRevision + events.length - 1, position: lastPosition };
  }
}

function matches(expected: ExpectedRevision, current: Current): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 'no_stream';
  if (expected === 'stream_exists') return current !== 'no_stream';
  return expected === current;
}

function placedAt(expected: ExpectedRevision, firstRevision: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return firstRevision === 0;
  if (expected === 'stream_exists') return firstRevision > 0;
  return expected === firstRevision - 1;
}

function isUniqueIdViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' && (e.message ?? '').includes('events.id');
}
