import type Database from 'better-sqlite3';
import type { SealCheck } from '#eventstore';
import type { SignedCheckpoint } from './checkpoint.js';
import { type ChainEntry, GENESIS } from './global-chain.js';

type Db = Database.Database;

/** One event as the notary saw it, with the global chain's head after it. */
export interface WitnessRow extends ChainEntry {
  /** How many events the log counted up to and with this one. */
  readonly events?: number;
  readonly seal: SealCheck['kind'];
  readonly chain: string;
}

/** Where the witnessed log ends: the last row's position and head, and how many events it counts. */
export interface WitnessHead {
  readonly position: number;
  readonly chain: string;
  readonly events: number;
}

export const EMPTY_HEAD: WitnessHead = { position: -1, chain: GENESIS, events: 0 };

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS log_witness (
    position INTEGER PRIMARY KEY, ordinal INTEGER NOT NULL, event_id TEXT NOT NULL, stream TEXT NOT NULL,
    revision INTEGER NOT NULL, recorded_at TEXT NOT NULL, event_hash TEXT NOT NULL, seal TEXT NOT NULL, chain TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS log_checkpoints (
    position INTEGER PRIMARY KEY, events INTEGER NOT NULL, chain TEXT NOT NULL, signed_at TEXT NOT NULL,
    key_id TEXT NOT NULL, public_key TEXT NOT NULL, signature TEXT NOT NULL
  );`;

const COLUMNS = 'position, ordinal AS events, event_id AS id, stream, revision, recorded_at AS recordedAt, event_hash AS eventHash, seal, chain';
const CHECKPOINT_COLUMNS = 'position, events, chain, signed_at AS signedAt, key_id AS keyId, public_key AS publicKey, signature';

/**
 * The notary's record: a row per event of the log and the signed checkpoints. It is not a projection: nothing
 * rebuilds it from the log, since it is what the log is checked against. Asynchronous, so that a shared database
 * (PostgreSQL) can keep it as well as the embedded read-model file.
 */
export interface WitnessStore {
  /** `events`: how many events the log counts up to and with this one. */
  record(row: WitnessRow & { readonly events: number }): Promise<void>;
  head(): Promise<WitnessHead>;
  /** The chain's head after the last witnessed event at or before `position` (genesis before the first). */
  headAt(position: number): Promise<WitnessHead>;
  /** Every row in log order, a page at a time. */
  rows(): AsyncIterable<WitnessRow>;
  addCheckpoint(checkpoint: SignedCheckpoint): Promise<void>;
  lastCheckpoint(): Promise<SignedCheckpoint | undefined>;
  checkpoints(after?: number): Promise<SignedCheckpoint[]>;
}

/** The record in the embedded read-model database (`log_witness`, about 250 bytes an event, and `log_checkpoints`). */
export class SqliteWitnessStore implements WitnessStore {
  private readonly statements;

  /** `create: false` (a verifier): the tables must exist already, and nothing is written. */
  constructor(db: Db, options: { readonly create?: boolean } = {}) {
    if (options.create ?? true) db.exec(SCHEMA);
    this.statements = {
      insert: db.prepare(`INSERT OR IGNORE INTO log_witness (position, ordinal, event_id, stream, revision, recorded_at, event_hash, seal, chain)
        VALUES (@position, @events, @id, @stream, @revision, @recordedAt, @eventHash, @seal, @chain)`),
      last: db.prepare('SELECT position, chain, ordinal AS events FROM log_witness ORDER BY position DESC LIMIT 1'),
      page: db.prepare(`SELECT ${COLUMNS} FROM log_witness WHERE position > ? ORDER BY position LIMIT ?`),
      at: db.prepare('SELECT position, chain, ordinal AS events FROM log_witness WHERE position <= ? ORDER BY position DESC LIMIT 1'),
      addCheckpoint: db.prepare(`INSERT OR IGNORE INTO log_checkpoints (position, events, chain, signed_at, key_id, public_key, signature)
        VALUES (@position, @events, @chain, @signedAt, @keyId, @publicKey, @signature)`),
      lastCheckpoint: db.prepare(`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints ORDER BY position DESC LIMIT 1`),
      checkpoints: db.prepare(`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints WHERE position > ? ORDER BY position`),
    };
  }

  async record(row: WitnessRow & { readonly events: number }): Promise<void> {
    this.statements.insert.run(row);
  }

  async head(): Promise<WitnessHead> {
    return (this.statements.last.get() as WitnessHead | undefined) ?? EMPTY_HEAD;
  }

  async headAt(position: number): Promise<WitnessHead> {
    return (this.statements.at.get(position) as WitnessHead | undefined) ?? EMPTY_HEAD;
  }

  async *rows(pageSize = 2000): AsyncGenerator<WitnessRow> {
    let after = -1;
    for (;;) {
      const page = this.statements.page.all(after, pageSize) as WitnessRow[];
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.position;
    }
  }

  async addCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
    this.statements.addCheckpoint.run(checkpoint);
  }

  async lastCheckpoint(): Promise<SignedCheckpoint | undefined> {
    return this.withVersion(this.statements.lastCheckpoint.get());
  }

  async checkpoints(after = -1): Promise<SignedCheckpoint[]> {
    return (this.statements.checkpoints.all(after) as object[]).map((row) => this.withVersion(row)!);
  }

  private withVersion(row: unknown): SignedCheckpoint | undefined {
    return row === undefined ? undefined : { v: 1, ...(row as Omit<SignedCheckpoint, 'v'>) };
  }
}

/** The notary's tables, if this database has them (a verifier opening a data dir must not create them). */
export const hasWitness = (db: Db): boolean =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_witness'`).get() !== undefined;
