import { type PgPool, migratePostgres } from '#eventstore';
import type { SignedCheckpoint } from './checkpoint.js';
import { EMPTY_HEAD, type WitnessHead, type WitnessRow, type WitnessStore } from './witness-store.js';

const MIGRATIONS_TABLE = 'log_witness_migrations';

const MIGRATIONS = [{
  version: 1,
  name: 'log witness and checkpoints',
  sql: `
    CREATE TABLE log_witness (
      position bigint PRIMARY KEY, ordinal bigint NOT NULL, event_id text NOT NULL, stream text NOT NULL, revision bigint NOT NULL,
      recorded_at text NOT NULL, event_hash text NOT NULL, seal text NOT NULL, chain text NOT NULL
    );
    CREATE TABLE log_checkpoints (
      position bigint PRIMARY KEY, events bigint NOT NULL, chain text NOT NULL, signed_at text NOT NULL,
      key_id text NOT NULL, public_key text NOT NULL, signature text NOT NULL
    );`,
}];

const COLUMNS = `position, ordinal AS events, event_id AS id, stream, revision, recorded_at AS "recordedAt", event_hash AS "eventHash", seal, chain`;
const CHECKPOINT_COLUMNS = `position, events, chain, signed_at AS "signedAt", key_id AS "keyId", public_key AS "publicKey", signature`;
const HEAD = 'SELECT position, chain, ordinal AS events FROM log_witness';

const withVersion = (row: object | undefined): SignedCheckpoint | undefined =>
  row === undefined ? undefined : { v: 1, ...(row as Omit<SignedCheckpoint, 'v'>) };

/**
 * The notary's record in the shared database (HOURBANK_DATABASE_URL), so that whichever worker holds the notary's
 * claim goes on from the same chain, and every API replica and a verifier read the same checkpoints. A row per
 * position is written once: a notary that witnessed the same event again (a redelivery, two holders during a
 * takeover) computes the same row, and the first one stays.
 */
export class PostgresWitnessStore implements WitnessStore {
  constructor(private readonly pool: PgPool) {}

  /** Creates the tables the first time (a verifier never calls it: it must not create them). */
  static migrate(pool: PgPool): Promise<void> {
    return migratePostgres(pool, MIGRATIONS_TABLE, MIGRATIONS);
  }

  /** Whether this database holds a notary's record (a verifier must not create it). */
  static async exists(pool: PgPool): Promise<boolean> {
    return (await pool.query(`SELECT to_regclass('log_witness') IS NOT NULL AS present`)).rows[0].present === true;
  }

  async record(row: WitnessRow & { readonly events: number }): Promise<void> {
    await this.pool.query(
      `INSERT INTO log_witness (position, ordinal, event_id, stream, revision, recorded_at, event_hash, seal, chain)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (position) DO NOTHING`,
      [row.position, row.events, row.id, row.stream, row.revision, row.recordedAt, row.eventHash, row.seal, row.chain],
    );
  }

  async head(): Promise<WitnessHead> {
    return ((await this.pool.query(`${HEAD} ORDER BY position DESC LIMIT 1`)).rows[0] as WitnessHead | undefined) ?? EMPTY_HEAD;
  }

  async headAt(position: number): Promise<WitnessHead> {
    return ((await this.pool.query(`${HEAD} WHERE position <= $1 ORDER BY position DESC LIMIT 1`, [position])).rows[0] as WitnessHead | undefined) ?? EMPTY_HEAD;
  }

  async *rows(pageSize = 2000): AsyncGenerator<WitnessRow> {
    let after = -1;
    for (;;) {
      const page = (await this.pool.query(`SELECT ${COLUMNS} FROM log_witness WHERE position > $1 ORDER BY position LIMIT $2`, [after, pageSize])).rows as WitnessRow[];
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]!.position;
    }
  }

  async addCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
    await this.pool.query(
      `INSERT INTO log_checkpoints (position, events, chain, signed_at, key_id, public_key, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (position) DO NOTHING`,
      [checkpoint.position, checkpoint.events, checkpoint.chain, checkpoint.signedAt, checkpoint.keyId, checkpoint.publicKey, checkpoint.signature],
    );
  }

  async lastCheckpoint(): Promise<SignedCheckpoint | undefined> {
    return withVersion((await this.pool.query(`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints ORDER BY position DESC LIMIT 1`)).rows[0]);
  }

  async checkpoints(after = -1): Promise<SignedCheckpoint[]> {
    return (await this.pool.query(`SELECT ${CHECKPOINT_COLUMNS} FROM log_checkpoints WHERE position > $1 ORDER BY position`, [after])).rows.map((row) => withVersion(row)!);
  }
}
