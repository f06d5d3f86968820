import { performance } from 'node:perf_hooks';
import type { AppendResult, ExpectedRevision } from '../event-store.js';
import type { SqliteDatabase } from './database.js';
import type { EncodedEvent, SqliteAppender } from './append.js';

export interface AppendRequest {
  readonly stream: string;
  readonly events: readonly EncodedEvent[];
  readonly expected: ExpectedRevision;
}

/** `insertedFrom`: the first position this append inserted, once committed (absent for a repeat, or inside a caller's transaction). */
export type AppendOutcome = { readonly ok: true; readonly result: AppendResult; readonly insertedFrom?: number } | { readonly ok: false; readonly error: unknown };

export interface CommittedBatch {
  readonly outcomes: readonly AppendOutcome[];
  /** How long the COMMIT took (with synchronous=FULL, the fsync of the WAL). */
  readonly commitMs: number;
}

/**
 * Group commit: every append waiting for the writer goes into one IMMEDIATE transaction, each in its own savepoint,
 * so one refused append (a stale revision, a duplicate id) leaves the others, and one fsync makes them all durable.
 * Nothing is acknowledged before the COMMIT returned: a failed commit fails every append of the batch. Inside a
 * transaction the caller opened (an inline writer used to load data in bulk), appends only take savepoints.
 */
export class BatchCommitter {
  private readonly begin;
  private readonly commit;
  private readonly rollback;
  private readonly savepoint;
  private readonly release;
  private readonly rollbackToSavepoint;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly appender: SqliteAppender,
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT append');
    this.release = db.prepare('RELEASE append');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO append');
  }

  commitBatch(batch: readonly AppendRequest[]): CommittedBatch {
    if (this.db.inTransaction) {
      // Not committed here: what it inserted may still be rolled back by the caller.
      const outcomes = batch.map((request) => this.appendOne(request)).map((o) => (o.ok ? { ok: true as const, result: o.result } : o));
      return { outcomes, commitMs: 0 };
    }
    try {
      this.begin.run();
    } catch (error) {
      return { outcomes: batch.map(() => ({ ok: false, error })), commitMs: 0 };
    }
    try {
      const outcomes = batch.length === 1 ? [this.appendAlone(batch[0]!)] : batch.map((request) => this.appendOne(request));
      if (outcomes.every((outcome) => !outcome.ok)) {
        this.rollback.run();
        return { outcomes, commitMs: 0 };
      }
      const started = performance.now();
      this.commit.run();
      return { outcomes, commitMs: performance.now() - started };
    } catch (error) {
      if (this.db.inTransaction) this.rollback.run();
      return { outcomes: batch.map(() => ({ ok: false, error })), commitMs: 0 };
    }
  }

  /** A batch of one needs no savepoint: its refusal rolls the whole transaction back. */
  private appendAlone({ stream, events, expected }: AppendRequest): AppendOutcome {
    try {
      return { ok: true, ...this.appender.appendInTransaction(stream, events, expected) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private appendOne({ stream, events, expected }: AppendRequest): AppendOutcome {
    this.savepoint.run();
    try {
      const written = this.appender.appendInTransaction(stream, events, expected);
      this.release.run();
      return { ok: true, ...written };
    } catch (error) {
      this.rollbackToSavepoint.run();
      this.release.run();
      return { ok: false, error };
    }
  }
}
