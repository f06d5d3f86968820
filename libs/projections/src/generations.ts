import { type Db, type Projection, type TableNames, physicalName, prepareCached, tableNames } from './projection.js';

export interface Generation {
  readonly generation: number;
  readonly version: number;
  /** Last global position applied to this generation; null before the first event. */
  readonly position: number | null;
  readonly active: boolean;
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Physical generations of each projection's tables and their checkpoints. Readers use views named after the
 * logical tables; switching generations replaces the views in one transaction.
 */
export class GenerationStore {
  constructor(private readonly db: Db) {}

  list(projection: string): Generation[] {
    const rows = prepareCached(this.db, `SELECT generation, version, position, active FROM projection_generations
         WHERE projection = ? ORDER BY generation`)
      .all(projection) as { generation: number; version: number; position: number | null; active: number }[];
    return rows.map((row) => ({ ...row, active: row.active === 1 }));
  }

  active(projection: string): Generation | undefined {
    return this.list(projection).find((g) => g.active);
  }

  /** Creates empty tables for a new generation (not yet visible to readers). */
  create(projection: Projection): Generation {
    const last = this.list(projection.name).at(-1)?.generation ?? 0;
    const generation = last + 1;
    this.db.transaction(() => {
      projection.migrate(this.db, tableNames(projection, generation));
      this.db
        .prepare('INSERT INTO projection_generations (projection, generation, version, position) VALUES (?, ?, ?, NULL)')
        .run(projection.name, generation, projection.version);
    })();
    return { generation, version: projection.version, position: null, active: false };
  }

  /**
   * Drops the explicit indexes of a generation not yet active and returns what creates them again (the same SQL),
   * for a bulk load that would otherwise maintain each index on every write. A projection opts in
   * (`indexesAfterBulkLoad`); otherwise nothing is dropped and the returned function does nothing.
   */
  deferIndexes(projection: Projection, generation: number): () => void {
    if (!projection.indexesAfterBulkLoad) return () => {};
    const t = tableNames(projection, generation);
    const indexes = projection.tables.flatMap((logical) =>
      this.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`)
        .all(t(logical)) as { name: string; sql: string }[]);
    this.db.transaction(() => indexes.forEach(({ name }) => this.db.exec(`DROP INDEX ${quote(name)}`)))();
    return () => this.db.transaction(() => indexes.forEach(({ sql }) => this.db.exec(sql)))();
  }

  savePosition(projection: string, generation: number, position: number): void {
    prepareCached(this.db, 'UPDATE projection_generations SET position = ? WHERE projection = ? AND generation = ?').run(position, projection, generation);
  }

  /** One transaction: carry over, point the views at `next`, mark it active. Readers see old or new, never half. */
  activate(projection: Projection, next: number): void {
    const previous = this.active(projection.name);
    this.db.transaction(() => {
      if (previous && projection.carryOver) {
        projection.carryOver(this.db, this.names(projection, previous.generation), this.names(projection, next));
      }
      for (const logical of projection.tables) {
        this.db.exec(`DROP VIEW IF EXISTS ${quote(logical)}`);
        this.db.exec(`CREATE VIEW ${quote(logical)} AS SELECT * FROM ${quote(physicalName(logical, next))}`);
      }
      this.db
        .prepare('UPDATE projection_generations SET active = (generation = ?) WHERE projection = ?')
        .run(next, projection.name);
    })();
  }

  /** Drops every generation but the active one: old ones after a swap, half-built ones after a crash. */
  dropInactive(projection: Projection): void {
    for (const g of this.list(projection.name).filter((x) => !x.active)) this.drop(projection, g.generation);
  }

  drop(projection: Projection, generation: number): void {
    this.db.transaction(() => {
      for (const logical of projection.tables) {
        this.db.exec(`DROP TABLE IF EXISTS ${quote(physicalName(logical, generation))}`);
      }
      this.db
        .prepare('DELETE FROM projection_generations WHERE projection = ? AND generation = ?')
        .run(projection.name, generation);
    })();
  }

  names(projection: Projection, generation: number): TableNames {
    return tableNames(projection, generation);
  }

  /** The physical table readers currently see, for writers outside the projection (the scheduler's claims). */
  activeTable(projection: Pick<Projection, 'name'>, logical: string): string | undefined {
    const g = this.active(projection.name);
    return g && physicalName(logical, g.generation);
  }
}
