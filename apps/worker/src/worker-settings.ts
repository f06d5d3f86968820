import { ConfigError } from '#platform';
import { DEFAULT_SNAPSHOT_EVERY } from '#hour-bank';
import { DEFAULT_AUTO_CLOSE_BUSINESS_DAYS } from '#ticketing';

export interface WorkerSettings {
  /** HOURBANK_WORKER: `embedded` runs projections, reactors and the scheduler in this process; `off` only reads. */
  readonly mode: 'embedded' | 'off';
  readonly schedulerIntervalMs: number;
  readonly autoCloseBusinessDays: number;
  readonly snapshotEvery: number;
  /** On PostgreSQL: how long a worker's claim on a consumer lasts without renewal (HOURBANK_CLAIM_TTL_MS). */
  readonly claimTtlMs: number;
  /** On PostgreSQL: partitions of each reactor, shared among the workers (HOURBANK_REACTOR_PARTITIONS). */
  readonly reactorPartitions: number;
}

export const WORKER_SETTINGS = Symbol.for('hourbank.WorkerSettings');

const integer = (env: Record<string, string | undefined>, name: string, fallback: number, problems: string[]): number => {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 86_400_000) problems.push(`${name} must be a positive integer, got "${raw}"`);
  return value;
};

export function loadWorkerSettings(env: Record<string, string | undefined> = process.env): WorkerSettings {
  const problems: string[] = [];
  const mode = env.HOURBANK_WORKER?.trim() || 'embedded';
  if (mode !== 'embedded' && mode !== 'off') problems.push(`HOURBANK_WORKER must be embedded or off, got "${mode}"`);
  const settings: WorkerSettings = {
    mode: mode as WorkerSettings['mode'],
    schedulerIntervalMs: integer(env, 'HOURBANK_SCHEDULER_INTERVAL_MS', 1000, problems),
    autoCloseBusinessDays: integer(env, 'HOURBANK_AUTO_CLOSE_BUSINESS_DAYS', DEFAULT_AUTO_CLOSE_BUSINESS_DAYS, problems),
    snapshotEvery: integer(env, 'HOURBANK_SNAPSHOT_EVERY', DEFAULT_SNAPSHOT_EVERY, problems),
    claimTtlMs: integer(env, 'HOURBANK_CLAIM_TTL_MS', 15_000, problems),
    reactorPartitions: integer(env, 'HOURBANK_REACTOR_PARTITIONS', 4, problems),
  };
  if (settings.reactorPartitions > 64) problems.push(`HOURBANK_REACTOR_PARTITIONS must be at most 64, got ${settings.reactorPartitions}`);
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
