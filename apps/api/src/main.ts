import 'reflect-metadata';
import { ConfigError, GracefulShutdown, JwtSecretError, createRootLogger, loadConfig } from '#platform';
import { WorkerLeaseHeldError } from '#projections';
import { createApp } from './create-app.js';
import { firstManagerBanner, firstManagerLink } from './identity/first-manager-link.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createRootLogger(config.logLevel);
  const app = await createApp(config, { logger });
  const shutdown = app.get(GracefulShutdown);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutdown.run(signal, () => app.close()).then((code) => process.exit(code)));
  }
  await app.listen(config.port);
  const port = (app.getHttpServer().address() as { port: number }).port;
  logger.info({ port, dataDir: config.dataDir, testClock: config.testClock }, 'Hour Bank API listening');
  const link = await firstManagerLink(app, port);
  if (link) process.stdout.write(`${firstManagerBanner(link)}\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof JwtSecretError || error instanceof WorkerLeaseHeldError;
  console.error(known ? error.message : error);
  process.exit(1);
});
