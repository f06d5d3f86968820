import Database from 'better-sqlite3';
import { join } from 'node:path';
import { preparePrivateFile } from '#eventstore';
import {
  DEFAULT_IDEMPOTENCY_TIMINGS, type IdempotencyScope, type IdempotencyStart, type IdempotencyStore, type IdempotencyTimings,
  type StoredResponse,
} from './idempotency-store.js';

interface Row {
  readonly request_hash: string;
  readonly state: 'in_flight' | 'done';
  readonly status: number | null;
  readonly body: string | null;
  readonly headers: string | null;
  readonly started_at: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS idempotency_records (
  subject TEXT NOT NULL,
  role TEXT NOT NULL,
  route TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_flight', 'done')),
  status INTEGER,
  body TEXT,
  headers TEXT,
  started_at INTEGER NOT NULL,
  PRIMARY KEY (subject, role, route, key)
) WITHOUT ROWID`;

const KEY = 'subject = ? AND role = ? AND route = ? AND key = ?';
const keyOf = (s: IdempotencyScope): [string, string, string, string] => [s.subject, s.role, s.route, s.key];

/** How often expired records are swept (they are answered `expired` until then, and for a retention more). */
const SWEEP_EVERY_MS = 3_600_000;

/**
 * Idempotency records in `<dataDir>/api.sqlite` (0600), one row per scope. A record is written without an fsync of
 * its own (WAL, `synchronous = NORMAL`): it survives the process (a SIGKILL), and what a power cut may take from it
 * the events keep — the command id derived from the key's scope and the request hash in their metadata let a retry
 * be replayed, refused as another request, or refused as expired from the events alone (`executeCommand`).
 * Statements are prepared once.
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly timings: IdempotencyTimings;
  private readonly statements: ReturnType<typeof prepare>;
  private readonly claim: (scope: IdempotencyScope, requestHash: string, now: number) => IdempotencyStart;
  private legacy: Database.Statement<[string, string, string], Row> | undefined;
  private sweptAt = 0;

  constructor(dataDir: string, timings: Partial<IdempotencyTimings> = {}) {
    this.timings = { ...DEFAULT_IDEMPOTENCY_TIMINGS, ...timings };
    const file = join(dataDir, 'api.sqlite');
    preparePrivateFile(file);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = prepare(this.db);
    this.claim = this.db.transaction((scope: IdempotencyScope, requestHash: string, now: number): IdempotencyStart => {
      const row = this.statements.select.get(...keyOf(scope));
      if (row && row.started_at <= now - this.timings.retentionMs) return { kind: 'expired', firstUsedAt: row.started_at };
      if (row && row.request_hash !== requestHash) return { kind: 'reused' };
      if (row?.state === 'done') return { kind: 'replay', ...stored(row) };
      const legacy = row ? undefined : this.legacy?.get(scope.subject, scope.key, requestHash);
      if (legacy) return { kind: 'replay', ...stored(legacy) };
      if (row && row.started_at > now - this.timings.leaseMs) return { kind: 'in_flight' };
      this.statements.claim.run(...keyOf(scope), requestHash, now);
      return { kind: 'started' };
    }).immediate;
    this.sweep();
  }

  async start(scope: IdempotencyScope, requestHash: string): Promise<IdempotencyStart> {
    const now = this.timings.nowMs();
    if (now - this.sweptAt > SWEEP_EVERY_MS) this.sweep();
    return this.claim(scope, requestHash, now);
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    this.statements.complete.run(response.status, response.body === undefined ? null : JSON.stringify(response.body), JSON.stringify(response.headers), ...keyOf(scope));
  }

  async abandon(scope: IdempotencyScope): Promise<void> {
    this.statements.abandon.run(...keyOf(scope));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /** Records are kept a second retention after they expire, so a late retry is told so rather than run. */
  private sweep(): void {
    this.sweptAt = this.timings.nowMs();
    this.statements.sweep.run(this.sweptAt - 2 * this.timings.retentionMs);
    this.legacy = undefined;
    if (this.statements.legacyTable.get() === undefined) return;
    this.db.prepare('DELETE FROM idempotency_keys WHERE started_at < ?').run(this.sweptAt - this.timings.retentionMs);
    if (this.db.prepare('SELECT 1 FROM idempotency_keys LIMIT 1').get() === undefined) {
      this.db.exec('DROP TABLE idempotency_keys');
      return;
    }
    // Keys stored before keys had a role and a route (per subject): a retry of one of those, the same request, still
    // gets its first answer until the table ages out and is dropped.
    this.legacy = this.db.prepare<[string, string, string], Row>(`SELECT request_hash, state, status, body, NULL AS headers, started_at
      FROM idempotency_keys WHERE subject = ? AND key = ? AND request_hash = ? AND state = 'done'`);
  }
}

function prepare(db: Database.Database) {
  return {
    select: db.prepare<[string, string, string, string], Row>(`SELECT request_hash, state, status, body, headers, started_at FROM idempotency_records WHERE ${KEY}`),
    claim: db.prepare(`INSERT OR REPLACE INTO idempotency_records (subject, role, route, key, request_hash, state, started_at) VALUES (?, ?, ?, ?, ?, 'in_flight', ?)`),
    complete: db.prepare(`UPDATE idempotency_records SET state = 'done', status = ?, body = ?, headers = ? WHERE ${KEY}`),
    abandon: db.prepare(`DELETE FROM idempotency_records WHERE ${KEY} AND state = 'in_flight'`),
    sweep: db.prepare('DELETE FROM idempotency_records WHERE started_at < ?'),
    legacyTable: db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotency_keys'"),
  };
}

const stored = (row: Row): StoredResponse => ({
  status: row.status ?? 200,
  body: row.body === null ? undefined : JSON.parse(row.body),
  headers: row.headers === null ? {} : (JSON.parse(row.headers) as Record<string, string>),
});
