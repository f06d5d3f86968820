import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEventStore, openDatabase, openPool, type EventStore, type PgPool, type SqliteDatabase } from '#eventstore';
import {
  LOG_SIGNING_KEY_FILE, PostgresWitnessStore, SqliteWitnessStore, type WitnessStore, hasWitness, keyIdOf, parseCheckpointLines, parsePublicKey, parseSigningKey, type SignedCheckpoint,
} from '#integrity';
import type { PlatformConfig } from '#platform';
import { READ_MODELS_FILE } from '../../../worker/src/read-models.js';

export interface LogSources {
  readonly store: EventStore;
  readonly witness?: WitnessStore;
  readonly trustedKeyIds: Set<string>;
  readonly external?: SignedCheckpoint[];
  close(): Promise<void>;
}

export interface LogSourceFlags {
  /** Checkpoints an auditor kept (exported earlier). */
  readonly checkpoints?: string;
  /** Keys to trust instead of the configured one: base64 DER, PEM, or a file holding either. */
  readonly publicKey?: string[];
}

const keyText = (value: string): string => (existsSync(value) ? readFileSync(value, 'utf8') : value);

/** The configured key's id, read without creating a key (a verifier writes nothing). */
function configuredKeyId(config: PlatformConfig): string | undefined {
  const { key, keyFile } = config.logSigning;
  const file = keyFile ?? join(config.dataDir, LOG_SIGNING_KEY_FILE);
  const pem = key ?? (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  return pem === undefined ? undefined : parseSigningKey(pem).keyId;
}

const trusted = (config: PlatformConfig, flags: LogSourceFlags): Set<string> => {
  if (flags.publicKey && flags.publicKey.length > 0) {
    return new Set(flags.publicKey.map((k) => keyIdOf(parsePublicKey(keyText(k)).export({ format: 'der', type: 'spki' }))));
  }
  const id = configuredKeyId(config);
  return new Set(id ? [id] : []);
};

/**
 * What a verifier reads: the log through the configured store, the notary's record read-only (PostgreSQL with
 * HOURBANK_DATABASE_URL, else the data dir's read-model file), the trusted keys.
 */
export async function openLogSources(config: PlatformConfig, flags: LogSourceFlags = {}): Promise<LogSources> {
  const trustedKeyIds = trusted(config, flags);
  const external = flags.checkpoints ? parseCheckpointLines(readFileSync(flags.checkpoints, 'utf8'), flags.checkpoints) : undefined;
  const store = await createEventStore({ dataDir: config.dataDir, eventStoreConnectionString: config.eventStoreConnectionString });
  let db: SqliteDatabase | undefined;
  let pool: PgPool | undefined;
  let witness: WitnessStore | undefined;
  if (config.databaseUrl) {
    pool = openPool(config.databaseUrl, { max: 2, applicationName: 'hour-bank verify' });
    witness = (await PostgresWitnessStore.exists(pool)) ? new PostgresWitnessStore(pool) : undefined;
  } else {
    const file = join(config.dataDir, READ_MODELS_FILE);
    if (existsSync(file)) db = openDatabase(file, { readonly: true });
    witness = db && hasWitness(db) ? new SqliteWitnessStore(db, { create: false }) : undefined;
  }
  return {
    store, witness, trustedKeyIds, ...(external && { external }),
    close: async () => (db?.close(), await pool?.end(), await store.close()),
  };
}
