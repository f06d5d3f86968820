import { Temporal } from 'temporal-polyfill';
import type { RecordedEvent } from '#kernel';
import { type ConsumerFilter, type Db, type Projection, oncePerConnection } from './projection.js';

/** Something the business must do at a given instant (an SLA due time, a lot expiry, a month start). */
export interface DueItem {
  /** Unique; a key fires at most once, so a deadline that must fire again needs a new key. */
  readonly key: string;
  readonly kind: string;
  /** ISO-8601 instant. */
  readonly dueAt: string;
  readonly payload: unknown;
}

export type DueItemChange = { readonly upsert: DueItem } | { readonly cancel: string };

/** Derives due-item changes from one event; pure. */
export type DeadlineRule = (event: RecordedEvent) => readonly DueItemChange[];

export const DUE_ITEMS_TABLE = 'due_items';

const UTC_INSTANT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{3})?Z$/;

const EARLIEST_TEXT = '0000-01-01T00:00:00.000Z';
const LATEST_TEXT = '9999-12-31T23:59:59.999Z';

/**
 * Fixed-width UTC text with millisecond precision, years 0000–9999, so that comparing the stored text is comparing
 * the instants (SQL compares `due_at` as text). An instant outside those years is held at the nearest end: a
 * stored due time in the year 50000 never comes, instead of sorting before every other. Temporal's own UTC output
 * needs no parsing to get there (parsing is the costly part of a deadlines rebuild).
 */
export const normalizeInstant = (iso: string): string => {
  const match = UTC_INSTANT.exec(iso);
  if (match) return `${match[1]}${match[2] ?? '.000'}Z`;
  const text = Temporal.Instant.from(iso).toString({ fractionalSecondDigits: 3 });
  if (text.startsWith('-')) return EARLIEST_TEXT;
  return text.startsWith('+') ? LATEST_TEXT : text;
};

const dueItemStatements = (db: Db, table: string) =>
  oncePerConnection(db, `due-items:${table}`, () => ({
    cancel: db.prepare(`DELETE FROM ${table} WHERE key = ? AND fired_at IS NULL`),
    upsert: db.prepare(`INSERT INTO ${table} (key, kind, due_at, payload) VALUES (?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, due_at = excluded.due_at, payload = excluded.payload`),
  }));

/** An upsert keeps `fired_at`; a cancel deletes only an unfired item. */
export const applyDueItemChanges = (db: Db, table: string, changes: readonly DueItemChange[]): void => {
  if (changes.length === 0) return;
  const statements = dueItemStatements(db, table);
  for (const change of changes) {
    if ('cancel' in change) {
      statements.cancel.run(change.cancel);
      continue;
    }
    const { key, kind, dueAt, payload } = change.upsert;
    statements.upsert.run(key, kind, normalizeInstant(dueAt), JSON.stringify(payload));
  }
};

export interface DeadlinesProjectionOptions {
  readonly name?: string;
  readonly version: number;
  readonly filter?: ConsumerFilter;
  readonly rules: readonly DeadlineRule[];
}

/** The due-items read model: rules turn events into upserts and cancellations; the Scheduler marks items fired. */
export const deadlinesProjection = (options: DeadlinesProjectionOptions): Projection => ({
  name: options.name ?? 'deadlines',
  version: options.version,
  ...(options.filter ? { filter: options.filter } : {}),
  tables: [DUE_ITEMS_TABLE],
  migrate: (db, t) => {
    const table = t(DUE_ITEMS_TABLE);
    db.exec(`CREATE TABLE ${table} (key TEXT PRIMARY KEY, kind TEXT NOT NULL, due_at TEXT NOT NULL,
               payload TEXT NOT NULL, fired_at TEXT);
             CREATE INDEX ${table}_pending ON ${table} (due_at) WHERE fired_at IS NULL;`);
  },
  apply: (db, event, t) => applyDueItemChanges(db, t(DUE_ITEMS_TABLE), options.rules.flatMap((rule) => rule(event))),
  // Firing is not an event of this log, so a rebuild must keep what the scheduler already fired.
  carryOver: (db, from, to) => {
    const [previous, next] = [from(DUE_ITEMS_TABLE), to(DUE_ITEMS_TABLE)];
    db.exec(`UPDATE ${next} SET fired_at = (SELECT p.fired_at FROM ${previous} p WHERE p.key = ${next}.key)
               WHERE fired_at IS NULL;
             INSERT OR IGNORE INTO ${next} SELECT * FROM ${previous} WHERE fired_at IS NOT NULL;`);
  },
});
