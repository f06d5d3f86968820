import type pg from 'pg';
import { migratePostgres } from '#eventstore';
import {
  DEFAULT_IDEMPOTENCY_TIMINGS, type IdempotencyScope, type IdempotencyStart, type IdempotencyStore, type IdempotencyTimings,
  type StoredResponse,
} from './idempotency-store.js';

interface Row {
  readonly claimed: boolean;
  readonly request_hash: string | null;
  readonly state: 'in_flight' | 'done' | null;
  readonly status: number | null;
  readonly body: string | null;
  readonly headers: string | null;
  readonly started_at: number | null;
}

const MIGRATIONS = [
  {
    version: 1,
    name: 'idempotency records per subject, role, route and key',
    sql: `CREATE TABLE idempotency_records (
      subject text NOT NULL, role text NOT NULL, route text NOT NULL, key text NOT NULL,
      request_hash text NOT NULL, state text NOT NULL CHECK (state IN ('in_flight', 'done')),
      status integer, body text, headers text, started_at bigint NOT NULL,
      PRIMARY KEY (subject, role, route, key));
    CREATE INDEX idempotency_records_started_at ON idempotency_records (started_at)`,
  },
];

const KEY = 'subject = $1 AND role = $2 AND route = $3 AND key = $4';
const keyOf = (s: IdempotencyScope): [string, string, string, string] => [s.subject, s.role, s.route, s.key];

/** How often records past twice the retention are deleted (until then they answer `expired`). */
const SWEEP_EVERY_MS = 3_600_000;

/**
 * The idempotency records in PostgreSQL (HOURBANK_DATABASE_URL), shared by every API replica: a key retried on
 * another replica gets the first answer, or 409 while the first request still runs on some replica. Same rules
 * as the SQLite store (the contract suite runs on both). The API opens its pool with `synchronous_commit = off`: a
 * record's commit waits for no WAL flush of its own, and what a server crash takes the events answer for (their
 * command id and request hash, `executeCommand`), as on SQLite.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private readonly timings: IdempotencyTimings;
  private ready: Promise<void> | undefined;
  private sweptAt = 0;

  constructor(
    private readonly pool: pg.Pool,
    timings: Partial<IdempotencyTimings> = {},
  ) {
    this.timings = { ...DEFAULT_IDEMPOTENCY_TIMINGS, ...timings };
  }

  async start(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyStart> {
    await this.schema();
    const now = this.timings.nowMs();
    if (now - this.sweptAt > SWEEP_EVERY_MS) await this.sweep(now);
    // A claim another replica commits after this statement's snapshot is seen by neither branch: ask again.
    for (let attempt = 1; ; attempt++) {
      const answer = await this.tryStart(scope, requestHash, now);
      if (answer || attempt >= 5) return answer ?? { kind: 'in_flight' };
    }
  }

  /** Claims the key when absent, or in flight past the lease for the same request and not expired; else says what is stored. */
  private async tryStart(scope: IdempotencyScope, requestHash: string, now: number): Promise<IdempotencyStart | undefined> {
    const { rows } = await this.pool.query<Row>(
      `WITH claimed AS (
         INSERT INTO idempotency_records AS r (subject, role, route, key, request_hash, state, started_at)
           VALUES ($1, $2, $3, $4, $5, 'in_flight', $6)
         ON CONFLICT (subject, role, route, key) DO UPDATE SET state = 'in_flight', status = NULL, body = NULL, headers = NULL,
           started_at = excluded.started_at
         WHERE r.state = 'in_flight' AND r.request_hash = excluded.request_hash AND r.started_at <= $7 AND r.started_at > $8
         RETURNING true AS claimed)
       SELECT true AS claimed, NULL::text AS request_hash, NULL::text AS state, NULL::int AS status, NULL::text AS body,
              NULL::text AS headers, NULL::bigint AS started_at
         FROM claimed
       UNION ALL
       SELECT false, request_hash, state, status, body, headers, started_at FROM idempotency_records
         WHERE ${KEY} AND NOT EXISTS (SELECT 1 FROM claimed)`,
      [...keyOf(scope), requestHash, now, now - this.timings.leaseMs, now - this.timings.retentionMs],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.claimed) return { kind: 'started' };
    if (row.started_at! <= now - this.timings.retentionMs) return { kind: 'expired', firstUsedAt: row.started_at! };
    if (row.request_hash !== requestHash) return { kind: 'reused' };
    if (row.state === 'done') return { kind: 'replay', ...stored(row) };
    return { kind: 'in_flight' };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await this.pool.query(`UPDATE idempotency_records SET state = 'done', status = $5, body = $6, headers = $7 WHERE ${KEY}`, [
      ...keyOf(scope), response.status, response.body === undefined ? null : JSON.stringify(response.body), JSON.stringify(response.headers),
    ]);
  }

  async abandon(scope: IdempotencyScope): Promise<void> {
    await this.pool.query(`DELETE FROM idempotency_records WHERE ${KEY} AND state = 'in_flight'`, keyOf(scope));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Records are kept a second retention after they expire, so a late retry is told so rather than run. */
  private async sweep(now: number): Promise<void> {
    this.sweptAt = now;
    await this.pool.query('DELETE FROM idempotency_records WHERE started_at < $1', [now - 2 * this.timings.retentionMs]);
  }

  private schema(): Promise<void> {
    this.ready ??= migratePostgres(this.pool, 'idempotency_migrations', MIGRATIONS).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

const stored = (row: Row): StoredResponse => ({
  status: row.status ?? 200,
  body: row.body === null ? undefined : JSON.parse(row.body),
  headers: row.headers === null ? {} : (JSON.parse(row.headers) as Record<string, string>),
});
