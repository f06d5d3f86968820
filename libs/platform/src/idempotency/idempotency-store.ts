import Database from 'better-sqlite3';
import { join } from 'node:path';
import type pg from 'pg';

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

/** Where idempotency records live: `<dataDir>/api.sqlite` (one process) or PostgreSQL (every replica). */
export interface IdempotencyRecords {
  start(subject: string, key: string, requestHash: string): IdempotencyStart | Promise<IdempotencyStart>;
  complete(subject: string, key: string, status: number, body: unknown): void | Promise<void>;
  abandon(subject: string, key: string): void | Promise<void>;
  close(): void | Promise<void>;
}

/**
 * Idempotency keys per (subject, key) in `<dataDir>/api.sqlite`. An in-flight claim older than the lease
 * (a crashed request) may be taken over; completed keys are kept for the retention period.
 */
export class IdempotencyStore implements IdempotencyRecords {
  private readonly db: Database.Database;

  constructor(
    dataDir: string,
    private readonly leaseMs = 60_000,
    retentionMs = 7 * 24 * 3600_000,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.db = new Database(join(dataDir, 'api.sqlite'));
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

/**
 * The same records in PostgreSQL (HOURBANK_DATABASE_URL), so a key retried on another replica is answered with
 * the first answer, or refused while the first request still runs on some replica.
 */
export class PostgresIdempotencyStore implements IdempotencyRecords {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly pool: pg.Pool,
    private readonly leaseMs = 60_000,
    private readonly retentionMs = 7 * 24 * 3600_000,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async start(subject: string, key: string, requestHash: string): Promise<IdempotencyStart> {
    await this.schema();
    // A claim committed by another replica after this statement's snapshot is seen by neither branch: ask again.
    for (let attempt = 1; ; attempt++) {
      const answer = await this.tryStart(subject, key, requestHash);
      if (answer || attempt >= 5) return answer ?? { kind: 'in_flight' };
    }
  }

  private async tryStart(subject: string, key: string, requestHash: string): Promise<IdempotencyStart | undefined> {
    const now = this.nowMs();
    // Claims the key when absent or left in flight past the lease; otherwise answers what is stored.
    const { rows } = await this.pool.query<Row & { claimed: boolean }>(
      `WITH claimed AS (
         INSERT INTO idempotency_keys AS k (subject, key, request_hash, state, started_at) VALUES ($1, $2, $3, 'in_flight', $4)
         ON CONFLICT (subject, key) DO UPDATE SET request_hash = excluded.request_hash, state = 'in_flight', status = NULL, body = NULL,
           started_at = excluded.started_at
         WHERE k.state = 'in_flight' AND k.started_at <= $5 AND k.request_hash = excluded.request_hash
         RETURNING true AS claimed)
       SELECT true AS claimed, NULL::text AS request_hash, NULL::text AS state, NULL::int AS status, NULL::text AS body, NULL::bigint AS started_at
         FROM claimed
       UNION ALL
       SELECT false, request_hash, state, status, body, started_at FROM idempotency_keys
         WHERE subject = $1 AND key = $2 AND NOT EXISTS (SELECT 1 FROM claimed)`,
      [subject, key, requestHash, now, now - this.leaseMs],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.claimed) return { kind: 'started' };
    if (row.request_hash !== requestHash) return { kind: 'reused' };
    if (row.state === 'done') return { kind: 'replay', status: row.status ?? 200, body: row.body === null ? undefined : JSON.parse(row.body) };
    return { kind: 'in_flight' };
  }

  async complete(subject: string, key: string, status: number, body: unknown): Promise<void> {
    await this.pool.query("UPDATE idempotency_keys SET state = 'done', status = $3, body = $4 WHERE subject = $1 AND key = $2",
      [subject, key, status, body === undefined ? null : JSON.stringify(body)]);
  }

  async abandon(subject: string, key: string): Promise<void> {
    await this.pool.query("DELETE FROM idempotency_keys WHERE subject = $1 AND key = $2 AND state = 'in_flight'", [subject, key]);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private schema(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT pg_advisory_xact_lock(hashtext('hourbank.idempotency_keys'))");
        await client.query(`CREATE TABLE IF NOT EXISTS idempotency_keys (
          subject text NOT NULL, key text NOT NULL, request_hash text NOT NULL, state text NOT NULL CHECK (state IN ('in_flight', 'done')),
          status integer, body text, started_at bigint NOT NULL, PRIMARY KEY (subject, key))`);
        await client.query('DELETE FROM idempotency_keys WHERE started_at < $1', [this.nowMs() - this.retentionMs]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        this.ready = undefined;
        throw error;
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }
}
