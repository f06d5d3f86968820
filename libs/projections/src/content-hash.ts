import { createHash } from 'node:crypto';
import type { Db, Projection } from './projection.js';

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** SHA-256 of a table's or view's rows, ordered by every column, so equal content gives an equal hash. */
export const tableHash = (db: Db, table: string): string => {
  const columns = (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
  if (columns.length === 0) throw new Error(`No table or view named ${table}`);
  const order = columns.map(quote).join(', ');
  const hash = createHash('sha256');
  hash.update(JSON.stringify(columns));
  for (const row of db.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${order}`).raw().iterate()) {
    hash.update(JSON.stringify(row, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
    hash.update('\n');
  }
  return hash.digest('hex');
};

/** Hash of everything readers see of a projection (its logical views), for "rebuilt equals live" checks. */
export const readModelHash = (db: Db, projection: Pick<Projection, 'tables'>): string => {
  const hash = createHash('sha256');
  for (const table of [...projection.tables].sort()) hash.update(`${table}:${tableHash(db, table)}\n`);
  return hash.digest('hex');
};
