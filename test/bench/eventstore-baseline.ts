import Database from 'better-sqlite3';
import type { NewEvent } from '#kernel';
import { openDatabase } from '#eventstore';

/**
 * The same SQL work as the SQLite adapter, written directly against better-sqlite3 with the same pragmas:
 * the floor the adapter's overhead is measured against.
 */
export class BareEventLog {
  readonly db: Database.Database;
  private readonly lastRevision;
  private readonly findById;
  private readonly insert;
  private readonly page;

  constructor(filePath: string) {
    this.db = openDatabase(filePath, { synchronous: 'FULL' });
    this.db.exec(`CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, stream TEXT NOT NULL,
      category TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL,
      metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream, revision))`);
    this.lastRevision = this.db.prepare('SELECT max(revision) FROM events WHERE stream = ?').pluck();
    this.findById = this.db.prepare('SELECT stream, revision, position FROM events WHERE id = ?').raw();
    this.insert = this.db.prepare(`INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.page = this.db.prepare(
      'SELECT position, id, stream, revision, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?',
    ).raw();
  }

  readonly append = (stream: string, events: readonly NewEvent[], expected: number): number => {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const last = (this.lastRevision.get(stream) as number | null) ?? -1;
      if (last !== expected) throw new Error(`conflict on ${stream}`);
      if (this.findById.get(events[0]!.id) !== undefined) throw new Error('repeat');
      const category = stream.slice(0, stream.indexOf('-'));
      const recordedAt = new Date().toISOString();
      let revision = last;
      for (const e of events) {
        revision += 1;
        this.insert.run(e.id, stream, category, revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata), recordedAt);
      }
      this.db.exec('COMMIT');
      return revision;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  };

  /** Reads every event in pages of 1000 and parses its payload, as a subscriber would. */
  readAll(visit: (type: string, data: unknown, metadata: unknown) => void): number {
    let after = 0;
    let count = 0;
    for (;;) {
      const rows = this.page.all(after, 1000) as [number, string, string, number, string, string, string, string][];
      for (const row of rows) visit(row[4], JSON.parse(row[5]), JSON.parse(row[6]));
      count += rows.length;
      if (rows.length < 1000) return count;
      after = rows[rows.length - 1]![0];
    }
  }

  close(): void {
    this.db.close();
  }
}
