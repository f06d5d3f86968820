import { ConfigError } from '#platform';
import { DEFAULT_SNAPSHOT_EVERY } from '#hour-bank';
import { DEFAULT_AUTO_CLOSE_BUSINESS_DAYS } from '#ticketing';

export interface WorkerSettings {
  /** HOURBANK_WORKER: `embedded` runs projections, reactors and the scheduler in this process; `off` only reads. */
  readonly mode: 'embedded' | 'off';
  readonly schedulerIntervalMs: number;
  readonly autoCloseBusinessDays: number;
  readonly snapshotEvery: number;
  /** The log notary signs a checkpoint after this many events... */
  readonly logCheckpointEvery: number;
  /** ...and this often when events arrived since the last one. */
  readonly logCheckpointIntervalMs: number;
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
    logCheckpointEvery: integer(env, 'HOURBANK_LOG_CHECKPOINT_EVERY', 1000, problems),
    logCheckpointIntervalMs: integer(env, 'HOURBANK_LOG_CHECKPOINT_SECONDS', 60, problems) * 1000,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}
