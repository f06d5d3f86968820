import { mkdirSync } from 'node:fs';
import type { PlatformConfig } from './platform-config.js';

export function ensureDataDir(config: Pick<PlatformConfig, 'dataDir'>): string {
  mkdirSync(config.dataDir, { recursive: true });
  return config.dataDir;
}
