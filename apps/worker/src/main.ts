import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, JwtSecretError, PinoLoggerService, PlatformMetrics, createRootLogger, ensureDataDir, loadConfig } from '#platform';
import { WorkerLeaseHeldError } from '#projections';
import { WorkerAppModule } from './worker-app.module.js';

/**
 * Runs projections, reactors and the scheduler alone; start the API with HOURBANK_WORKER=off beside it. With
 * HOURBANK_WORKER_HTTP_PORT set it also serves /health/live, /health/ready and /metrics (nothing else) there.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, process.cwd(), { checksTokens: false });
  ensureDataDir(config);
  const logger = createRootLogger(config.logLevel);
  const module = WorkerAppModule.forRoot(config, logger);
  const nestLogger = new PinoLoggerService(logger.child({ component: 'nest' }));
  if (!config.workerHttp) {
    const app = await NestFactory.createApplicationContext(module, { logger: nestLogger });
    app.enableShutdownHooks();
    logger.info({ dataDir: config.dataDir, testClock: config.testClock }, 'Hour Bank worker running');
    return;
  }
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: nestLogger, bodyParser: false });
  app.disable('x-powered-by');
  app.use(app.get(PlatformMetrics).httpMiddleware);
  app.enableShutdownHooks();
  try {
    await app.listen(config.workerHttp.port, config.workerHttp.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new ConfigError([`HOURBANK_WORKER_HTTP_PORT: ${config.workerHttp.host}:${config.workerHttp.port} is already in use`], 'worker HTTP listener');
  }
  const { address, port } = app.getHttpServer().address() as { address: string; port: number };
  logger.info({ dataDir: config.dataDir, testClock: config.testClock, host: address, port }, 'Hour Bank worker running, health and metrics listening');
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof JwtSecretError || error instanceof WorkerLeaseHeldError;
  console.error(known ? error.message : error);
  process.exit(1);
});
