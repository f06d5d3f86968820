import Database from 'better-sqlite3';
import { preparePrivateFile } from '#eventstore';
import type { Db } from './projection.js';

/** Pages the WAL may hold before a commit checkpoints it into the database file (10,000 pages of 4 KiB: 40 MiB). */
export const READ_MODEL_WAL_CHECKPOINT_PAGES = 10_000;

/**
 * Read models are disposable (rebuildable), so NORMAL sync in WAL is enough: a crash loses a tail, never consistency.
 * In WAL mode only checkpoints sync the disk; a longer WAL than SQLite's default (1,000 pages) means ten times
 * fewer of them while a rebuild writes a generation.
 */
export const openReadModelDatabase = (path: string): Db => {
  if (path !== ':memory:') preparePrivateFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`wal_autocheckpoint = ${READ_MODEL_WAL_CHECKPOINT_PAGES}`);
  db.pragma('busy_timeout = 5000');
  migrateSubscriptionTables(db);
  return db;
};

export const migrateSubscriptionTables = (db: Db): void => {
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_generations (
      projection TEXT NOT NULL,
      generation INTEGER NOT NULL,
      version INTEGER NOT NULL,
      position INTEGER,
      active INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (projection, generation)
    );
    CREATE TABLE IF NOT EXISTS reactor_checkpoints (
      reactor TEXT PRIMARY KEY,
      position INTEGER
    );
    CREATE TABLE IF NOT EXISTS parked_events (
      consumer TEXT PRIMARY KEY,
      position INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      error TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      parked_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS worker_lease (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      holder TEXT NOT NULL,
      role TEXT NOT NULL,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      renewed_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS parked_events_audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      consumer TEXT NOT NULL,
      action TEXT NOT NULL,
      position INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      error TEXT NOT NULL,
      actor TEXT NOT NULL,
      reason TEXT,
      at TEXT NOT NULL
    );
  `);
};
