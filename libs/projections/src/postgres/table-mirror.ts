import type pg from 'pg';
import type { PgPool } from '#eventstore';
import type { Db, Projection, TableNames } from '../projection.js';

interface Column {
  readonly name: string;
  readonly pgType: 'text' | 'bigint' | 'double precision';
  readonly notNull: boolean;
}

/** One table of a projection: its local physical table (SQLite) and its shared logical table (PostgreSQL). */
export interface MirroredTable {
  readonly logical: string;
  readonly physical: string;
  readonly columns: readonly Column[];
  readonly key: readonly string[];
}

export interface TableChanges {
  readonly table: MirroredTable;
  /** Whole rows, in column order. */
  readonly upserts: readonly unknown[][];
  /** Key values, in key order. */
  readonly deletes: readonly unknown[][];
}

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const CHANGES = 'temp.mirror_changes';

const pgTypeOf = (declared: string): Column['pgType'] => {
  const type = declared.toUpperCase();
  if (type.includes('INT')) return 'bigint';
  if (type.includes('REAL') || type.includes('FLOA') || type.includes('DOUB')) return 'double precision';
  return 'text';
};

/** The projection's tables as SQLite declares them in generation `t`: columns, types, primary key. */
export const describeTables = (db: Db, projection: Projection, t: TableNames): MirroredTable[] =>
  projection.tables.map((logical) => {
    const physical = t(logical);
    const info = db.prepare(`PRAGMA table_info(${quote(physical)})`).all() as { name: string; type: string; notnull: number; pk: number }[];
    const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    if (key.length === 0) throw new Error(`Table ${logical} of ${projection.name} needs a primary key to live in PostgreSQL`);
    return { logical, physical, key, columns: info.map((c) => ({ name: c.name, pgType: pgTypeOf(c.type), notNull: c.notnull === 1 || c.pk > 0 })) };
  });

/**
 * PostgreSQL DDL for a table and its indexes, derived from the SQLite ones: text columns compare bytewise
 * (COLLATE "C", as SQLite does), so ordered queries answer alike on both.
 */
export const postgresDdl = (db: Db, table: MirroredTable): string[] => {
  const columns = table.columns.map((c) => `${quote(c.name)} ${c.pgType}${c.pgType === 'text' ? ' COLLATE "C"' : ''}${c.notNull ? ' NOT NULL' : ''}`);
  const create = `CREATE TABLE ${quote(table.logical)} (${columns.join(', ')}, PRIMARY KEY (${table.key.map(quote).join(', ')}))`;
  const indexes = (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table.physical) as { sql: string }[])
    .map(({ sql }) => sql.replaceAll(table.physical, table.logical));
  return [`DROP TABLE IF EXISTS ${quote(table.logical)}`, create, ...indexes];
};

/**
 * Records which rows of these tables a transaction touches (temporary triggers of this connection, into a
 * temporary table), so a batch's changes can be sent to PostgreSQL as whole rows.
 */
export const captureChanges = (db: Db, tables: readonly MirroredTable[]): void => {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS mirror_changes (logical TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (logical, key)) WITHOUT ROWID`);
  for (const table of tables) {
    const keyOf = (row: 'NEW' | 'OLD') => `json_array(${table.key.map((k) => `${row}.${quote(k)}`).join(', ')})`;
    // Not INSERT OR IGNORE: inside a trigger the outer statement's conflict policy would override it.
    const record = (row: 'NEW' | 'OLD') => `INSERT INTO mirror_changes SELECT '${table.logical}', ${keyOf(row)}
      WHERE NOT EXISTS (SELECT 1 FROM mirror_changes WHERE logical = '${table.logical}' AND key = ${keyOf(row)});`;
    const name = (suffix: string) => quote(`mirror_${table.physical}_${suffix}`);
    db.exec(`
      DROP TRIGGER IF EXISTS temp.${name('i')}; DROP TRIGGER IF EXISTS temp.${name('u')}; DROP TRIGGER IF EXISTS temp.${name('d')};
      CREATE TEMP TRIGGER ${name('i')} AFTER INSERT ON main.${quote(table.physical)} BEGIN ${record('NEW')} END;
      CREATE TEMP TRIGGER ${name('u')} AFTER UPDATE ON main.${quote(table.physical)} BEGIN ${record('OLD')} ${record('NEW')} END;
      CREATE TEMP TRIGGER ${name('d')} AFTER DELETE ON main.${quote(table.physical)} BEGIN ${record('OLD')} END;`);
  }
};

/** Takes the rows touched since the last call (current values, or keys of deleted rows) and forgets them. */
export const takeChanges = (db: Db, tables: readonly MirroredTable[]): TableChanges[] => {
  const touched = db.prepare(`SELECT logical, key FROM ${CHANGES} ORDER BY logical, key`).all() as { logical: string; key: string }[];
  if (touched.length === 0) return [];
  db.exec(`DELETE FROM ${CHANGES}`);
  return tables.flatMap((table) => {
    const keys = touched.filter((t) => t.logical === table.logical).map((t) => JSON.parse(t.key) as unknown[]);
    if (keys.length === 0) return [];
    const select = db.prepare(`SELECT * FROM ${quote(table.physical)} WHERE ${table.key.map((k) => `${quote(k)} = ?`).join(' AND ')}`).raw();
    const upserts: unknown[][] = [];
    const deletes: unknown[][] = [];
    for (const key of keys) {
      const row = select.get(...key) as unknown[] | undefined;
      if (row) upserts.push(row);
      else deletes.push(key);
    }
    return [{ table, upserts, deletes }];
  });
};

const CHUNK = 2000;

const columnArrays = (rows: readonly unknown[][], width: number): unknown[][] =>
  Array.from({ length: width }, (_, i) => rows.map((row) => row[i] ?? null));

/** Deletes, then upserts of whole rows, as `unnest` statements of at most CHUNK rows. */
export async function writeChanges(client: pg.PoolClient, changes: readonly TableChanges[]): Promise<void> {
  for (const { table, upserts, deletes } of changes) {
    const keyTypes = table.key.map((k) => table.columns.find((c) => c.name === k)!.pgType);
    for (let i = 0; i < deletes.length; i += CHUNK) {
      const unnest = keyTypes.map((type, n) => `$${n + 1}::${type}[]`).join(', ');
      await client.query(
        `DELETE FROM ${quote(table.logical)} WHERE (${table.key.map(quote).join(', ')}) IN (SELECT * FROM unnest(${unnest}))`,
        columnArrays(deletes.slice(i, i + CHUNK), table.key.length),
      );
    }
    for (let i = 0; i < upserts.length; i += CHUNK) await insertRows(client, table, upserts.slice(i, i + CHUNK), true);
  }
}

const insertRows = async (client: pg.PoolClient | PgPool, table: MirroredTable, rows: readonly unknown[][], upsert: boolean) => {
  const names = table.columns.map((c) => quote(c.name));
  const unnest = table.columns.map((c, n) => `$${n + 1}::${c.pgType}[]`).join(', ');
  const others = table.columns.filter((c) => !table.key.includes(c.name)).map((c) => `${quote(c.name)} = EXCLUDED.${quote(c.name)}`);
  const conflict = !upsert ? '' : others.length > 0 ? ` ON CONFLICT (${table.key.map(quote).join(', ')}) DO UPDATE SET ${others.join(', ')}` : ' ON CONFLICT DO NOTHING';
  await client.query(`INSERT INTO ${quote(table.logical)} (${names.join(', ')}) SELECT * FROM unnest(${unnest})${conflict}`, columnArrays(rows, names.length));
};

/** Recreates the shared tables (DDL from SQLite) and fills them with every local row, inside the caller's transaction. */
export async function replaceInPostgres(client: pg.PoolClient, db: Db, tables: readonly MirroredTable[]): Promise<void> {
  for (const table of tables) {
    for (const statement of postgresDdl(db, table)) await client.query(statement);
    let chunk: unknown[][] = [];
    for (const row of db.prepare(`SELECT * FROM ${quote(table.physical)}`).raw().iterate() as IterableIterator<unknown[]>) {
      chunk.push(row);
      if (chunk.length >= CHUNK) (await insertRows(client, table, chunk, false), (chunk = []));
    }
    if (chunk.length > 0) await insertRows(client, table, chunk, false);
  }
}

/** Fills empty local tables with the shared rows, read in key order a page at a time. */
export async function copyFromPostgres(client: pg.PoolClient, db: Db, tables: readonly MirroredTable[]): Promise<void> {
  for (const table of tables) {
    const names = table.columns.map((c) => quote(c.name)).join(', ');
    const insert = db.prepare(`INSERT INTO ${quote(table.physical)} (${names}) VALUES (${table.columns.map(() => '?').join(', ')})`);
    const keys = table.key.map(quote).join(', ');
    const keyIndexes = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
    let after: unknown[] | undefined;
    for (;;) {
      const where = after ? `WHERE (${keys}) > (${table.key.map((_, i) => `$${i + 1}`).join(', ')})` : '';
      const { rows } = await client.query<unknown[]>({
        text: `SELECT ${names} FROM ${quote(table.logical)} ${where} ORDER BY ${keys} LIMIT ${CHUNK}`,
        values: after ?? [], rowMode: 'array',
      });
      db.transaction(() => rows.forEach((row) => insert.run(...row)))();
      if (rows.length < CHUNK) break;
      const last = rows[rows.length - 1]!;
      after = keyIndexes.map((i) => last[i]);
    }
  }
}
