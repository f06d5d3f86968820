import { randomUUID } from 'node:crypto';

/** An event as a writer proposes it, in the server's own terms (bytes, content type). */
export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** A record of the model's transaction log: one event, written at a byte offset like a real node's. */
export interface ModelRecord extends ProposedEvent {
  readonly stream: string;
  readonly revision: number;
  /** Commit and prepare position: events appended over gRPC are implicit transactions, one record each. */
  readonly position: number;
  /** Where the next record starts. */
  readonly end: number;
  /** .NET ticks (100 ns) since the Unix epoch, as the server sends `created`. */
  readonly created: bigint;
}

export type Expected =
  | { readonly kind: 'any' | 'no_stream' | 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: number };

export type AppendOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly currentRevision: number; readonly position: number | undefined }
  | { readonly kind: 'wrong-expected-version'; readonly currentRevision: number | undefined }
  | { readonly kind: 'too-large'; readonly maxAppendSize: number };

/** Bytes a record takes besides its names and payload (a real record has lengths, flags, ids, timestamps). */
const RECORD_OVERHEAD = 88;
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

export interface ModelLogOptions {
  /** Largest append, in bytes of data, metadata and type names (the server's default is 1 MiB). */
  readonly maxAppendSize?: number;
  /** How many recent event ids the model remembers for `any` / `stream_exists` repeats (the server's cache is bounded too). */
  readonly recentIdCapacity?: number;
}

/**
 * The log of one modelled EventStoreDB node. Positions are byte offsets: each record starts where the previous
 * one ended, so position + 1 is never a record. Repeated event ids are recognised the way the server does it:
 * against the stored events for `no_stream` or an exact revision behind the stream's end, against a bounded
 * cache of recent writes for `any` / `stream_exists`, and not at all when the revision is the stream's end.
 */
export class ModelLog {
  readonly records: ModelRecord[] = [];
  private readonly byPosition = new Map<number, number>();
  private readonly streams = new Map<string, ModelRecord[]>();
  private readonly recentIds = new Map<string, ModelRecord>();
  private readonly listeners = new Set<() => void>();
  private next = 0;
  maxAppendSize: number;
  private readonly recentIdCapacity: number;

  constructor(options: ModelLogOptions = {}) {
    this.maxAppendSize = options.maxAppendSize ?? 1024 * 1024;
    this.recentIdCapacity = options.recentIdCapacity ?? 10_000;
  }

  /** Where the next record will start: the position "after the last record". */
  get end(): number {
    return this.next;
  }

  get last(): ModelRecord | undefined {
    return this.records.at(-1);
  }

  /** Index in `records` of the record starting at `position`, or undefined when no record starts there. */
  indexAt(position: number): number | undefined {
    return this.byPosition.get(position);
  }

  stream(name: string): readonly ModelRecord[] {
    return this.streams.get(name) ?? [];
  }

  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The server forgets its recent-write cache (as after a restart or under memory pressure). */
  forgetRecentEventIds(): void {
    this.recentIds.clear();
  }

  append(stream: string, events: readonly ProposedEvent[], expected: Expected): AppendOutcome {
    const size = events.reduce((sum, e) => sum + e.data.length + e.metadata.length + utf8(e.type), 0);
    if (size > this.maxAppendSize) return { kind: 'too-large', maxAppendSize: this.maxAppendSize };
    const written = this.streams.get(stream) ?? [];
    const current = written.length - 1;
    const decision = this.check(stream, written, events, expected);
    if (decision !== 'write') return decision;
    this.write(stream, events, current);
    return { kind: 'written', currentRevision: current + events.length, position: this.last?.position };
  }

  /** Writes records the port never shows (persistent-subscription checkpoints, scavenges, statistics). */
  appendSystemRecords(count: number, stream = '$persistentsubscription-$all::hourbank-checkpoint'): void {
    for (let i = 0; i < count; i++) {
      const current = this.stream(stream).length - 1;
      const data = Buffer.from(JSON.stringify(`C:${this.next}/P:${this.next}`));
      this.write(stream, [{ id: randomUUID(), type: '$SubscriptionCheckpoint', contentType: 'application/json', data, metadata: new Uint8Array() }], current);
    }
  }

  /** Tampering, as an edit of the node's files would do it: the record at `position` gets other content, in place. */
  tamperRecord(position: number, change: Partial<Pick<ProposedEvent, 'type' | 'data' | 'metadata'>>): void {
    const index = this.requireIndex(position);
    const record: ModelRecord = { ...this.records[index]!, ...change };
    this.records[index] = record;
    const stream = this.streams.get(record.stream)!;
    stream[stream.findIndex((r) => r.position === position)] = record;
  }

  /** Tampering: the record at `position` is cut out of the log and of its stream (later records keep their places). */
  dropRecord(position: number): void {
    const index = this.requireIndex(position);
    const [record] = this.records.splice(index, 1);
    const stream = this.streams.get(record!.stream)!;
    stream.splice(stream.findIndex((r) => r.position === position), 1);
    this.byPosition.clear();
    this.records.forEach((r, i) => this.byPosition.set(r.position, i));
  }

  private requireIndex(position: number): number {
    const index = this.byPosition.get(position);
    if (index === undefined) throw new Error(`No record starts at position ${position}`);
    return index;
  }

  private check(stream: string, written: readonly ModelRecord[], events: readonly ProposedEvent[], expected: Expected): AppendOutcome | 'write' {
    const current = written.length - 1;
    const wrong = { kind: 'wrong-expected-version', currentRevision: current < 0 ? undefined : current } as const;
    if (expected.kind === 'stream_exists' && current < 0) return wrong;
    if (expected.kind === 'any' || expected.kind === 'stream_exists') return this.repeatFromCache(stream, events) ?? 'write';
    const revision = 'revision' in expected ? expected.revision : -1;
    if (revision > current) return wrong;
    if (revision === current) return 'write';
    if (events.length === 0) return wrong;
    for (let i = 0; i < events.length; i++) {
      if (written[revision + 1 + i]?.id !== events[i]!.id) return wrong;
    }
    const last = written[revision + events.length]!;
    return { kind: 'idempotent', currentRevision: last.revision, position: last.position };
  }

  /** `any` / `stream_exists`: a repeat is recognised only while every id is still in the recent-write cache. */
  private repeatFromCache(stream: string, events: readonly ProposedEvent[]): AppendOutcome | undefined {
    let last: ModelRecord | undefined;
    for (const [i, event] of events.entries()) {
      const found = this.recentIds.get(event.id);
      if (found === undefined || found.stream !== stream) {
        if (i === 0) return undefined;
        return { kind: 'wrong-expected-version', currentRevision: this.stream(stream).length - 1 };
      }
      last = found;
    }
    return last && { kind: 'idempotent', currentRevision: last.revision, position: last.position };
  }

  private write(stream: string, events: readonly ProposedEvent[], current: number): void {
    const written = this.streams.get(stream) ?? [];
    const created = BigInt(Date.now()) * 10_000n;
    events.forEach((event, i) => {
      const position = this.next;
      const end = position + RECORD_OVERHEAD + utf8(stream) + utf8(event.type) + event.data.length + event.metadata.length;
      const record: ModelRecord = { ...event, stream, revision: current + 1 + i, position, end, created };
      this.byPosition.set(position, this.records.length);
      this.records.push(record);
      written.push(record);
      this.remember(record);
      this.next = end;
    });
    this.streams.set(stream, written);
    for (const listener of [...this.listeners]) listener();
  }

  private remember(record: ModelRecord): void {
    this.recentIds.delete(record.id);
    this.recentIds.set(record.id, record);
    if (this.recentIds.size > this.recentIdCapacity) this.recentIds.delete(this.recentIds.keys().next().value!);
  }
}
