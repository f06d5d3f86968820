import type { Migration } from './database.js';

/**
 * `position` is AUTOINCREMENT so a position is never reused; with one writer at a time, commits happen in
 * position order, so a reader that saw position N never later finds a new event below N.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    sql: `
      CREATE TABLE events (
        position INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        stream TEXT NOT NULL,
        category TEXT NOT NULL,
        revision INTEGER NOT NULL,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        UNIQUE (stream, revision)
      );`,
  },
];

/** Column order of every event row read with `.raw()`. */
export const EVENT_COLUMNS = 'position, id, stream, revision, type, data, metadata, recorded_at';

export type EventRow = [number, string, string, number, string, string, string, string];
