export type { WorkerSettings } from '#platform';

/** The worker's section of the configuration (PlatformConfig.worker), with a host's overrides. */
export const WORKER_SETTINGS = Symbol.for('hourbank.WorkerSettings');
