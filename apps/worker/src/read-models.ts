import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_CONFIG, type PlatformConfig } from '#platform';
import { type Db, openReadModelDatabase } from '#projections';

export const READ_MODELS_FILE = 'readmodels.sqlite';

/** The read-model database `<dataDir>/readmodels.sqlite`, shared by every projection, reactor checkpoint and query. */
@Injectable()
export class ReadModels {
  readonly db: Db;

  constructor(@Inject(PLATFORM_CONFIG) config: PlatformConfig) {
    this.db = openReadModelDatabase(join(config.dataDir, READ_MODELS_FILE));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
