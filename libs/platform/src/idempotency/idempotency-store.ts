import Database from 'better-sqlite3';
import { join } from 'node:path';
import { preparePrivateFile } from '#eventstore';

export const IDEMPOTENCY_STORE = Symbol.for('hourbank.IdempotencyStore');

export type IdempotencyStart =
  | { readonly kind: 'started' }
  | { readonly kind: 'replay'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'reused' }
  | { readonly kind: 'in_flight' };

interface Row {
  readonly request_hash: string;
  readonly state: 'in_flight' | 'done';
  readonly status: number | null;
  readonly body: string | null;
  readonly started_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_keys (
  subject TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
  status INTEGER,
  body TEXT,
  started_at INTEGER NOT NULL,
  PRIMARY KEY (subject, key)
) WITHOUT ROWID`;

/**
 * Idempotency keys per (subject, key) in `<dataDir>/api.sqlite`. An in-flight claim older than the lease
 * (a crashed request) may be taken over; completed keys are kept for the retention period.
 */
export class IdempotencyStore {
  private readonly db: Database.Database;

  constructor(
    dataDir: string,
    private readonly leaseMs = 60_000,
    retentionMs = 7 * 24 * 3600_000,
    private readonly nowMs: () => number = Date.now,
  ) {
    const file = join(dataDir, 'api.sqlite');
    preparePrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.db.prepare('DELETE FROM idempotency_keys WHERE started_at < ?').run(this.nowMs() - retentionMs);
  }

  start(subject: string, key: string, requestHash: string): IdempotencyStart {
    return this.db.transaction((): IdempotencyStart => {
      const row = this.db
        .prepare<[string, string], Row>('SELECT request_hash, state, status, body, started_at FROM idempotency_keys WHERE subject = ? AND key = ?')
        .get(subject, key);
      if (row && row.request_hash !== requestHash) return { kind: 'reused' };
      if (row?.state === 'done') return { kind: 'replay', status: row.status ?? 200, body: row.body === null ? undefined : JSON.parse(row.body) };
      if (row && row.started_at > this.nowMs() - this.leaseMs) return { kind: 'in_flight' };
      this.db
        .prepare('INSERT OR REPLACE INTO idempotency_keys (subject, key, request_hash, state, started_at) VALUES (?, ?, ?, ?, ?)')
        .run(subject, key, requestHash, 'in_flight', this.nowMs());
      return { kind: 'started' };
    }).immediate();
  }

  complete(subject: string, key: string, status: number, body: unknown): void {
    this.db
      .prepare("UPDATE idempotency_keys SET state = 'done', status = ?, body = ? WHERE subject = ? AND key = ?")
      .run(status, body === undefined ? null : JSON.stringify(body), subject, key);
  }

  /** The request failed: free the key so a retry runs again (commands stay safe through their command id). */
  abandon(subject: string, key: string): void {
    this.db.prepare("DELETE FROM idempotency_keys WHERE subject = ? AND key = ? AND state = 'in_flight'").run(subject, key);
  }

  close(): void {
    this.db.close();
  }
}
