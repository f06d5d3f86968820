import type { Db } from './projection.js';

/**
 * What a projection keeps in memory between events, one value per database and physical table, so a rebuild's
 * generation and another database never share it. The value asked for last is kept at hand: it is asked for per
 * event, and almost always for the same table.
 */
export class TableMemory<M> {
  private readonly memories = new WeakMap<Db, Map<string, M>>();
  private last: { readonly db: Db; readonly table: string; readonly memory: M } | undefined;

  constructor(private readonly create: () => M) {}

  get(db: Db, table: string): M {
    const last = this.last;
    if (last?.db === db && last.table === table) return last.memory;
    let tables = this.memories.get(db);
    if (!tables) this.memories.set(db, (tables = new Map()));
    let memory = tables.get(table);
    if (memory === undefined) tables.set(table, (memory = this.create()));
    this.last = { db, table, memory };
    return memory;
  }

  /** Forgets the table's memory (a rolled-back batch): the next `get` starts afresh. */
  forget(db: Db, table: string): void {
    this.memories.get(db)?.delete(table);
    if (this.last?.db === db && this.last.table === table) this.last = undefined;
  }
}
