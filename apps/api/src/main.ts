import 'reflect-metadata';
import { ConfigError, JwtSecretError, createRootLogger, loadConfig } from '#platform';
import { WorkerLeaseHeldError } from '#projections';
import { createApp } from './create-app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config.logLevel);
  const app = await createApp(config, { logger });
  app.enableShutdownHooks();
  await app.listen(config.port);
  logger.info({ port: config.port, dataDir: config.dataDir, testClock: config.testClock }, 'Hour Bank API listening');
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof JwtSecretError || error instanceof WorkerLeaseHeldError;
  console.error(known ? error.message : error);
  process.exit(1);
});
