import Database from 'better-sqlite3';
import { preparePrivateFile } from './private-file.js';

export type SqliteDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** FULL for the event store (an acknowledged append survives power loss); NORMAL is enough for read models. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly busyTimeoutMs?: number;
  readonly readonly?: boolean;
}

/** Opens (creating it and its folder, private to the owner) a SQLite file in WAL mode with the house pragmas. */
export function openDatabase(filePath: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (filePath !== ':memory:' && !options.readonly) preparePrivateFile(filePath);
  const db = new Database(filePath, { readonly: options.readonly ?? false });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('foreign_keys = ON');
  return db;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Applies the numbered migrations not yet recorded in `schema_migrations`, in order, under the write lock. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], table = 'schema_migrations'): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare(`SELECT 1 FROM ${table} WHERE version = ?`);
  const record = db.prepare(`INSERT INTO ${table} (version, name, applied_at) VALUES (?, ?, ?)`);
  const run = db.transaction(() => {
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.get(migration.version) !== undefined) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  run.immediate();
}
