import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { CLOCK, type Clock } from '#kernel';
import { PLATFORM_CONFIG, type PlatformConfig } from '#platform';
import { LogNotary, PostgresWitnessStore, SqliteWitnessStore, type WitnessStore, loadLogSigningKey } from '#integrity';
import { ReadModels } from './read-models.js';
import { WORKER_SETTINGS, type WorkerSettings } from './worker-settings.js';

/**
 * The log notary of this worker: its record beside the read models (the data dir's read-model file, or PostgreSQL
 * with HOURBANK_DATABASE_URL, where every worker and API replica shares it), its key from configuration.
 */
@Injectable()
export class LogNotaryHost implements OnModuleInit {
  readonly witness: WitnessStore;
  readonly notary: LogNotary;
  /** What an auditor needs to check the checkpoints: the key's id and its public half (base64 DER). */
  readonly signer: { readonly keyId: string; readonly publicKey: string };
  private readonly logger = new Logger('LogNotary');

  constructor(
    @Inject(PLATFORM_CONFIG) config: PlatformConfig,
    @Inject(CLOCK) clock: Clock,
    @Inject(WORKER_SETTINGS) settings: WorkerSettings,
    private readonly readModels: ReadModels,
  ) {
    this.witness = readModels.pool ? new PostgresWitnessStore(readModels.pool) : new SqliteWitnessStore(readModels.db);
    const key = loadLogSigningKey({ ...config.logSigning, dataDir: config.dataDir });
    this.signer = { keyId: key.keyId, publicKey: key.publicKeyBase64 };
    this.notary = new LogNotary(this.witness, {
      key, clock, sharedRecord: readModels.pool !== undefined, checkpointEvery: settings.logCheckpointEvery, checkpointIntervalMs: settings.logCheckpointIntervalMs,
      onSigningFailed: (error) => this.logger.error(`Signing a checkpoint of the log failed: ${String(error)}`),
      onBrokenSeal: (event, kind) => this.logger.error(`Event ${event.id} at position ${event.position} (${event.stream}) is ${kind}: its seal does not hold; run \`npm run cli -- verify\``),
    });
  }

  async onModuleInit(): Promise<void> {
    if (this.readModels.pool) await PostgresWitnessStore.migrate(this.readModels.pool);
  }
}
