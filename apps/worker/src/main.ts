import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, JwtSecretError, PinoLoggerService, createRootLogger, ensureDataDir, loadConfig } from '#platform';
import { WorkerLeaseHeldError } from '#projections';
import { WorkerAppModule } from './worker-app.module.js';

/** Runs projections, reactors and the scheduler alone; start the API with HOURBANK_WORKER=off beside it. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd(), { checksTokens: false });
  ensureDataDir(config);
  const logger = createRootLogger(config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerAppModule.forRoot(config, logger), {
    logger: new PinoLoggerService(logger.child({ component: 'nest' })),
  });
  app.enableShutdownHooks();
  logger.info({ dataDir: config.dataDir, testClock: config.testClock }, 'Hour Bank worker running');
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof JwtSecretError || error instanceof WorkerLeaseHeldError;
  console.error(known ? error.message : error);
  process.exit(1);
});
