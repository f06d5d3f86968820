import { NestFactory } from '@nestjs/core';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import {
  PinoLoggerService, configureHttp, createRootLogger, ensureDataDir, loadTokenKeys, setupOpenApi, type PlatformConfig,
  type PlatformModuleOptions,
} from '#platform';
import { AppModule } from './app.module.js';
import { openEventStore } from './event-store.js';
import { serveWebApp } from './web/web-app.js';
import { ATTACHMENT_UPLOAD_ROUTE } from './tickets/conversation.controller.js';

export interface CreateAppOptions {
  readonly logger?: Logger;
  readonly openEventStore?: PlatformModuleOptions['openEventStore'];
  /** Extra modules (feature routes, or test-only controllers). */
  readonly imports?: DynamicModule['imports'];
}

/** Builds and initialises the API without listening; call `app.listen(port)` (0 in tests). */
export async function createApp(config: PlatformConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  ensureDataDir(config);
  const logger = options.logger ?? createRootLogger(config.logLevel);
  const tokenKeys = await loadTokenKeys(config, { logger });
  const module = AppModule.forRoot(
    { config, logger, tokenKeys, openEventStore: options.openEventStore ?? openEventStore },
    options.imports ?? [],
  );
  const app = await NestFactory.create<NestExpressApplication>(module, {
    bodyParser: false,
    logger: new PinoLoggerService(logger.child({ component: 'nest' })),
    abortOnError: false,
  });
  configureHttp(app, config, logger, [ATTACHMENT_UPLOAD_ROUTE(config.tickets.attachmentMaxBytes)]);
  serveWebApp(app, logger);
  setupOpenApi(app, 'Hour Bank API', '0.1.0');
  try {
    await app.init();
  } catch (error) {
    // A failed start (e.g. another process holds the worker lease) leaves no open database or store behind.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
