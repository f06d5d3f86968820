import type { SqliteDatabase } from './database.js';

/** Where a subscriber keeps the position of the last event it has fully processed. */
export interface CheckpointStore {
  load(name: string): number | undefined | Promise<number | undefined>;
  store(name: string, position: number): void | Promise<void>;
}

/**
 * Checkpoints in a table of the given database. The methods are synchronous so a projection can call
 * `store` inside the same better-sqlite3 transaction that writes its read model.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select;
  private readonly upsert;

  constructor(db: SqliteDatabase, table = 'checkpoints') {
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
      name TEXT PRIMARY KEY, position INTEGER NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID`);
    this.select = db.prepare(`SELECT position FROM ${table} WHERE name = ?`).pluck();
    this.upsert = db.prepare(`INSERT INTO ${table} (name, position, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`);
  }

  load(name: string): number | undefined {
    return this.select.get(name) as number | undefined;
  }

  store(name: string, position: number): void {
    this.upsert.run(name, position, new Date().toISOString());
  }
}
