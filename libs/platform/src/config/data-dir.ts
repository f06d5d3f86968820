import { makePrivateDir } from '#eventstore';
import type { PlatformConfig } from './platform-config.js';

/** Creates the data dir, private to its owner (0700), once the configuration is known to be valid. */
export function ensureDataDir(config: Pick<PlatformConfig, 'dataDir'>): string {
  makePrivateDir(config.dataDir);
  return config.dataDir;
}
