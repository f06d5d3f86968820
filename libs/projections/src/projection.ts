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
  /**
   * True when the explicit indexes `migrate` creates serve readers only (`apply` and `flush` find rows by primary
   * key): a rebuild then drops them while it bulk-loads the new generation and creates them once, before it catches
   * up and goes live, instead of maintaining each index on every write.
   */
  readonly indexesAfterBulkLoad?: boolean;
  migrate(db: Db, t: TableNames): void;
  apply(db: Db, event: RecordedEvent, t: TableNames): void;
  /**
   * Runs once per batch inside its transaction, after the batch's last `apply` and before the checkpoint (rebuilds
   * included): a projection may keep what `apply` derived in memory and write each row once per batch here.
   */
  flush?(db: Db, t: TableNames): void;
  /** The batch's transaction rolled back: forget what `apply` kept in memory since the last `flush`. */
  discard?(db: Db, t: TableNames): void;
  /** Runs inside the swap transaction of a rebuild: copy state that events cannot reproduce (e.g. fired deadlines). */
  carryOver?(db: Db, from: TableNames, to: TableNames): void;
}

interface CompiledFilter {
  readonly categories?: ReadonlySet<string>;
  readonly types?: ReadonlySet<string>;
}

const compiledFilters = new WeakMap<ConsumerFilter, CompiledFilter>();

/** Sets instead of arrays: the filter runs for every event of the log. */
const compiled = (filter: ConsumerFilter): CompiledFilter => {
  let sets = compiledFilters.get(filter);
  if (!sets) {
    sets = {
      ...(filter.streamCategories ? { categories: new Set(filter.streamCategories) } : {}),
      ...(filter.eventTypes ? { types: new Set(filter.eventTypes) } : {}),
    };
    compiledFilters.set(filter, sets);
  }
  return sets;
};

export const matchesFilter = (event: RecordedEvent, filter?: ConsumerFilter): boolean => {
  if (!filter) return true;
  const { categories, types } = compiled(filter);
  return (!categories || categories.has(streamCategory(event.stream))) && (!types || types.has(event.type));
};

export const physicalName = (logical: string, generation: number): string => `${logical}__g${generation}`;

export const tableNames = (projection: Pick<Projection, 'name' | 'tables'>, generation: number): TableNames => {
  const physical = new Map(projection.tables.map((logical) => [logical, physicalName(logical, generation)]));
  return (logical) => {
    const name = physical.get(logical);
    if (name === undefined) throw new Error(`Projection ${projection.name} does not declare table ${logical}`);
    return name;
  };
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

const built = new WeakMap<Db, Map<string, unknown>>();

/**
 * Builds something once per connection and key, e.g. the prepared statements of one generation's tables keyed
 * by a physical table name: cheaper per event than building the SQL text and looking it up in `prepareCached`.
 */
export const oncePerConnection = <T>(db: Db, key: string, build: () => T): T => {
  let cache = built.get(db);
  if (!cache) built.set(db, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
};
