import type Database from 'better-sqlite3';
import type { RecordedEvent } from '#kernel';
import { streamCategory } from '#eventstore';

export type Db = Database.Database;

/** Logical table name → physical table name of the generation being written, e.g. 'balances' → 'balances__g7'. */
export type TableNames = (logical: string) => string;

/** Which recorded events a consumer sees; both lists omitted means every event. */
export interface ConsumerFilter {
  readonly streamCategories?: readonly string[];
  readonly eventTypes?: readonly string[];
}

/**
 * A read model: a pure fold of events into SQLite rows. `migrate` creates the tables (and indexes, named after
 * the physical table) of one generation; `apply` must be deterministic so a rebuild reproduces the live rows.
 * Readers query the logical names: they are views over the active generation.
 */
export interface Projection {
  readonly name: string;
  /** Bump it when `migrate` or `apply` changes: the runner rebuilds on start when the stored version differs. */
  readonly version: number;
  readonly filter?: ConsumerFilter;
  readonly tables: readonly string[];
  migrate(db: Db, t: TableNames): void;
  apply(db: Db, event: RecordedEvent, t: TableNames): void;
  /** Runs inside the swap transaction of a rebuild: copy state that events cannot reproduce (e.g. fired deadlines). */
  carryOver?(db: Db, from: TableNames, to: TableNames): void;
}

export const matchesFilter = (event: RecordedEvent, filter?: ConsumerFilter): boolean =>
  (!filter?.streamCategories || filter.streamCategories.includes(streamCategory(event.stream))) &&
  (!filter?.eventTypes || filter.eventTypes.includes(event.type));

export const physicalName = (logical: string, generation: number): string => `${logical}__g${generation}`;

export const tableNames =
  (projection: Pick<Projection, 'name' | 'tables'>, generation: number): TableNames =>
  (logical) => {
    if (!projection.tables.includes(logical)) {
      throw new Error(`Projection ${projection.name} does not declare table ${logical}`);
    }
    return physicalName(logical, generation);
  };

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepares a statement once per connection and SQL text: `apply` runs per event, preparing each time is slow. */
export const prepareCached = (db: Db, sql: string): Database.Statement => {
  let cache = statementCache.get(db);
  if (!cache) statementCache.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
};
