import 'reflect-metadata';
import { ConfigError, createRootLogger, loadConfig } from '#platform';
import { WorkerLeaseHeldError } from '#projections';
import { createApp } from './create-app.js';
import { firstManagerBanner, firstManagerLink } from './identity/first-manager-link.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config.logLevel);
  const app = await createApp(config, { logger });
  app.enableShutdownHooks();
  await app.listen(config.port);
  const port = (app.getHttpServer().address() as { port: number }).port;
  logger.info({ port, dataDir: config.dataDir, testClock: config.testClock }, 'Hour Bank API listening');
  const link = await firstManagerLink(app, port);
  if (link) process.stdout.write(`${firstManagerBanner(link)}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof WorkerLeaseHeldError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
