import { Worker } from 'node:worker_threads';
import { EventStoreUnavailableError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../event-store.js';
import { SqliteAppender, type EncodedEvent } from './append.js';
import { BatchCommitter } from './batch-commit.js';
import type { SqliteDatabase } from './database.js';
import { deserializeError, type WriterReply, type WriterRequest } from './writer-protocol.js';

export interface CommittedAppend {
  readonly result: AppendResult;
  readonly commitMs: number;
  /** Appends that shared its commit. */
  readonly appends: number;
  /** The position of the first event it inserted (absent for a repeat, or inside a caller's transaction). */
  readonly insertedFrom?: number;
}

/** Where a SqliteEventStore's appends are committed. */
export interface SqliteWriter {
  append(stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<CommittedAppend>;
  /** Waits for the appends already sent, then stops. */
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (committed: CommittedAppend) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Appends committed on a thread of their own (`sqlite-writer-thread.ts`), with group commit: the event loop goes on
 * serving while an fsync runs, and appends sent meanwhile share the next one. A promise resolves only once its
 * transaction's COMMIT (synchronous=FULL) has returned on the writer thread.
 */
export class ThreadSqliteWriter implements SqliteWriter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly file: string,
    private readonly busyTimeoutMs: number,
  ) {}

  append(stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<CommittedAppend> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const request: WriterRequest = { kind: 'append', id, stream, events, expected };
    return new Promise<CommittedAppend>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) worker.ref();
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ kind: 'close' } satisfies WriterRequest);
    await exited;
  }

  private start(): Worker {
    const worker = new Worker(new URL('./sqlite-writer-thread.js', import.meta.url), { workerData: { file: this.file, busyTimeoutMs: this.busyTimeoutMs } });
    worker.unref();
    worker.on('message', (reply: WriterReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`the writer thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: WriterReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (reply.ok) pending.resolve({ result: reply.result, commitMs: reply.commitMs, appends: reply.appends, ...(reply.insertedFrom !== undefined && { insertedFrom: reply.insertedFrom }) });
    else pending.reject(deserializeError(reply.error));
  }

  /** The thread is gone: whatever it had not answered may or may not be written (a retry of the same command is recognised). */
  private fail(worker: Worker, cause: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(new EventStoreUnavailableError(`The SQLite writer stopped before answering: ${cause.message}`, cause));
    }
  }
}

/** Appends committed on the calling thread, one transaction each (`:memory:` databases, which a thread cannot share). */
export class InlineSqliteWriter implements SqliteWriter {
  private readonly committer: BatchCommitter;

  constructor(db: SqliteDatabase) {
    this.committer = new BatchCommitter(db, new SqliteAppender(db));
  }

  async append(stream: string, events: readonly EncodedEvent[], expected: ExpectedRevision): Promise<CommittedAppend> {
    const { outcomes: [outcome], commitMs } = this.committer.commitBatch([{ stream, events, expected }]);
    if (!outcome!.ok) throw outcome!.error;
    return { result: outcome!.result, commitMs, appends: 1, ...(outcome!.insertedFrom !== undefined && { insertedFrom: outcome!.insertedFrom }) };
  }

  async close(): Promise<void> {}
}
