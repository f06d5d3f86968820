import { join } from 'node:path';
import { makePrivateDir, migratePostgres, openPool, type PgPool } from '#eventstore';
import type { PlatformConfig } from '#platform';
import {
  type Db, type ReadModelReader, SHARED_STATE_MIGRATIONS, SHARED_STATE_MIGRATIONS_TABLE, openReadModelDatabase, postgresReader, sqliteReader,
} from '#projections';

export const READ_MODELS_FILE = 'readmodels.sqlite';
/** On PostgreSQL: the folder of this worker's working copies, one SQLite file per projection. */
export const READ_MODEL_COPIES_DIR = 'read-model-copies';

/**
 * The read models of this process. Embedded: `<dataDir>/readmodels.sqlite`, shared by every projection, reactor
 * checkpoint and query. With HOURBANK_DATABASE_URL: PostgreSQL (`pool`, `reader`), the local file only holding the
 * worker lease of the data dir.
 */
export class ReadModels {
  private constructor(
    readonly db: Db,
    readonly reader: ReadModelReader,
    private readonly dataDir: string,
    readonly pool?: PgPool,
  ) {}

  static async open(config: Pick<PlatformConfig, 'dataDir' | 'databaseUrl'>): Promise<ReadModels> {
    const db = openReadModelDatabase(join(config.dataDir, READ_MODELS_FILE));
    if (!config.databaseUrl) return new ReadModels(db, sqliteReader(db), config.dataDir);
    const pool = openPool(config.databaseUrl, { max: 10, applicationName: 'hour-bank read models' });
    try {
      await migratePostgres(pool, SHARED_STATE_MIGRATIONS_TABLE, SHARED_STATE_MIGRATIONS);
    } catch (error) {
      db.close();
      await pool.end();
      throw error;
    }
    return new ReadModels(db, postgresReader(pool), config.dataDir, pool);
  }

  /** This worker's working copy of one projection (PostgreSQL only). */
  openCopy(projection: string): Db {
    const dir = join(this.dataDir, READ_MODEL_COPIES_DIR);
    makePrivateDir(dir);
    return openReadModelDatabase(join(dir, `${projection}.sqlite`));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
    await this.pool?.end().catch(() => undefined);
  }
}
