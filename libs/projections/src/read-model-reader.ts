import { type PgPool, numberedPlaceholders } from '#eventstore';
import { type Db, prepareCached } from './projection.js';

/**
 * How HTTP queries read a read model, whichever database keeps it: SQL in the common dialect of SQLite and
 * PostgreSQL, `?` placeholders, camelCase aliases double-quoted (PostgreSQL folds bare names to lower case).
 */
export interface ReadModelReader {
  readonly backend: 'sqlite' | 'postgres';
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
}

/** The embedded read models: the statement runs synchronously on the read-model database. */
export const sqliteReader = (db: Db): ReadModelReader => ({
  backend: 'sqlite',
  all: async <T>(sql: string, params: readonly unknown[] = []) => prepareCached(db, sql).all(...params) as T[],
  get: async <T>(sql: string, params: readonly unknown[] = []) => prepareCached(db, sql).get(...params) as T | undefined,
});

const translated = new Map<string, string>();
const pgText = (sql: string): string => {
  let text = translated.get(sql);
  if (text === undefined) translated.set(sql, (text = numberedPlaceholders(sql)));
  return text;
};

/** The read models every replica shares, in PostgreSQL (HOURBANK_DATABASE_URL). */
export const postgresReader = (pool: PgPool): ReadModelReader => ({
  backend: 'postgres',
  all: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(pgText(sql), [...params])).rows as T[],
  get: async <T>(sql: string, params: readonly unknown[] = []) => (await pool.query(pgText(sql), [...params])).rows[0] as T | undefined,
});
