import { streamCategory, type EventStore, type PgPool } from '#eventstore';
import { type Snapshot, type SnapshotSource, loadStream } from '#platform';
import type Database from 'better-sqlite3';
import type { Db, Reactor } from '#projections';
import { accountDecider } from '../domain/account/account-decider.js';
import type { AccountState } from '../domain/account/account-state.js';
import { accountCodec } from '../application/codecs.js';

export const ACCOUNT_SNAPSHOTS = Symbol.for('hourbank.AccountSnapshots');
export const ACCOUNT_SNAPSHOT_REACTOR = 'account-snapshots';
/** Events between two snapshots of one account: loading reads the snapshot and at most this many events. */
export const DEFAULT_SNAPSHOT_EVERY = 20;

/** Where account snapshots are kept: the embedded read-model database, or PostgreSQL for every replica. */
export interface AccountSnapshotStore extends SnapshotSource<AccountState> {
  save(stream: string, snapshot: Snapshot<AccountState>): void | Promise<void>;
}

/**
 * Account states as they were after a revision, kept in the read-model database (a disposable cache, not
 * the log): the command pipeline starts from the latest one and reads only the events after it.
 */
export class AccountSnapshots implements AccountSnapshotStore {
  /** Prepared once: `load` runs on every account command. */
  private readonly select: Database.Statement<[string], { revision: number; position: number; state: string }>;
  private readonly upsert: Database.Statement<[string, number, number, string]>;

  constructor(private readonly db: Db) {
    db.exec(`CREATE TABLE IF NOT EXISTS account_snapshots (
      stream TEXT PRIMARY KEY, revision INTEGER NOT NULL, position INTEGER NOT NULL, state TEXT NOT NULL)`);
    this.select = db.prepare('SELECT revision, position, state FROM account_snapshots WHERE stream = ?');
    this.upsert = db.prepare(`INSERT INTO account_snapshots (stream, revision, position, state) VALUES (?, ?, ?, ?)
      ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, position = excluded.position, state = excluded.state
      WHERE excluded.revision > account_snapshots.revision`);
  }

  async load(stream: string): Promise<Snapshot<AccountState> | undefined> {
    if (!this.db.open) return undefined;
    const row = this.select.get(stream);
    if (!row) return undefined;
    // Parsed when used: a load that starts from the cache of folded streams (further on) never reads it.
    let state: AccountState | undefined;
    return { revision: row.revision, position: row.position, get state() { return (state ??= JSON.parse(row.state) as AccountState); } };
  }

  save(stream: string, snapshot: Snapshot<AccountState>): void {
    this.upsert.run(stream, snapshot.revision, snapshot.position, JSON.stringify(snapshot.state));
  }
}

/** The same cache in PostgreSQL (HOURBANK_DATABASE_URL): every API replica starts commands from it. */
export class PostgresAccountSnapshots implements AccountSnapshotStore {
  /** Its table `account_snapshots` is created with the rest of the workers' shared state (SHARED_STATE_MIGRATIONS). */
  constructor(private readonly pool: PgPool) {}

  async load(stream: string): Promise<Snapshot<AccountState> | undefined> {
    const { rows } = await this.pool.query<{ revision: number; position: number; state: AccountState }>(
      'SELECT revision, position, state FROM account_snapshots WHERE stream = $1', [stream]);
    return rows[0];
  }

  async save(stream: string, snapshot: Snapshot<AccountState>): Promise<void> {
    await this.pool.query(
      `INSERT INTO account_snapshots AS s (stream, revision, position, state) VALUES ($1, $2, $3, $4)
       ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, position = excluded.position, state = excluded.state
       WHERE excluded.revision > s.revision`,
      [stream, snapshot.revision, snapshot.position, JSON.stringify(snapshot.state)],
    );
  }
}

/** Writes an account's snapshot after every `every`-th event of its stream, from the previous snapshot on. */
export const accountSnapshotReactor = (store: EventStore, snapshots: AccountSnapshotStore, every = DEFAULT_SNAPSHOT_EVERY): Reactor => ({
  name: ACCOUNT_SNAPSHOT_REACTOR,
  filter: { streamCategories: ['account'] },
  async handle(recorded) {
    if (streamCategory(recorded.stream) !== 'account' || (recorded.revision + 1) % every !== 0) return;
    const loaded = await loadStream(store, recorded.stream, accountDecider, accountCodec, '', snapshots);
    await snapshots.save(recorded.stream, { state: loaded.state, revision: loaded.revision, position: loaded.position });
  },
});
