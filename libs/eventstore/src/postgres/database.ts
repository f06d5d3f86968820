import pg from 'pg';

export type PgPool = pg.Pool;

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** bigint (int8) and numeric come back as numbers: positions, revisions and sums stay far below 2^53. */
const numbers = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 || oid === 1700 ? (value: string) => toSafeNumber(value) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

const toSafeNumber = (value: string): number => {
  const n = Number(value);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new RangeError(`${value} is beyond Number.MAX_SAFE_INTEGER`);
  return n;
};

export interface OpenPoolOptions {
  /** Connections at most (default 10). */
  readonly max?: number;
  readonly applicationName?: string;
  /**
   * `false`: the pool's commits return before the server flushed them (`synchronous_commit = off`): for records
   * that something durable answers for when a server crash takes them (never for the events).
   */
  readonly synchronousCommit?: boolean;
}

/** A connection pool whose int8 and numeric columns read as JS numbers. */
export const openPool = (connectionString: string, options: OpenPoolOptions = {}): PgPool => {
  const pool = new pg.Pool({
    connectionString, max: options.max ?? 10, types: numbers, application_name: options.applicationName ?? 'hour-bank',
    idleTimeoutMillis: 30_000, connectionTimeoutMillis: 10_000,
    ...(options.synchronousCommit === false && { options: '-c synchronous_commit=off' }),
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
};

/**
 * Applies the numbered migrations not yet recorded in `table`, in one transaction under an advisory lock, so
 * processes starting together (several API replicas) migrate once.
 */
export async function migratePostgres(pool: PgPool, table: string, migrations: readonly PgMigration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hourbank.migrate.${table}`]);
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set((await client.query<{ version: number }>(`SELECT version FROM ${table}`)).rows.map((r) => r.version));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${table} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** `?` placeholders (the SQLite style the read-model queries are written in) as `$1, $2, …`. */
export const numberedPlaceholders = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
