import { type Db, type DueItemChange, normalizeInstant, prepareCached } from '#projections';

const INSTANT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{3})?Z$/;

/** Temporal's own output needs no parsing to reach millisecond precision (parsing is the costly part). */
const normalized = (iso: string): string => {
  const match = INSTANT.exec(iso);
  return match ? `${match[1]}${match[2] ?? '.000'}Z` : normalizeInstant(iso);
};

/** An upsert keeps `fired_at`; a cancel deletes only an unfired item (see the deadlines README). */
export const applyDueItemChanges = (db: Db, table: string, changes: readonly DueItemChange[]): void => {
  for (const change of changes) {
    if ('cancel' in change) {
      prepareCached(db, `DELETE FROM ${table} WHERE key = ? AND fired_at IS NULL`).run(change.cancel);
      continue;
    }
    const { key, kind, dueAt, payload } = change.upsert;
    prepareCached(db, `INSERT INTO ${table} (key, kind, due_at, payload) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at, payload = excluded.payload`)
      .run(key, kind, normalized(dueAt), JSON.stringify(payload));
  }
};
