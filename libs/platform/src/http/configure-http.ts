import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../auth/decorators.js';
import type { Logger } from 'pino';
import type { PlatformConfig } from '../config/platform-config.js';
import { bodyErrorMiddleware, bodyShapeGuard, jsonParserOptions, mediaTypeGuard } from './json-body.middleware.js';
import { type RawBodyRoute, rawBodyMiddleware } from './raw-body.middleware.js';
import { asyncContextMiddleware, correlationHeaderGuard, requestContextMiddleware } from './request-context.middleware.js';
import { requestLogMiddleware } from './request-log.js';
import { serverTimingMiddleware } from './server-timing.js';
import { securityHeaders } from './security-headers.js';
import { PlatformMetrics } from '../metrics/platform-metrics.js';
import { answerServerErrorsWithProblems } from './server-errors.js';
import { GracefulShutdown } from './graceful-shutdown.js';

/**
 * Express-level set-up, in order: request context, metrics, request log, security headers, the refusals that need
 * no body (draining, bad correlation header), the bounded JSON body (its failures as Problem Details), then
 * AsyncLocalStorage for everything after. Create the app with `bodyParser: false`.
 */
export function configureHttp(app: NestExpressApplication, config: PlatformConfig, logger: Logger, rawBodies: readonly RawBodyRoute[] = []): void {
  app.disable('x-powered-by');
  answerServerErrorsWithProblems(app.getHttpServer());
  const shutdown = app.get(GracefulShutdown);
  shutdown.attach(app.getHttpServer());
  app.use(requestContextMiddleware);
  if (config.serverTiming) app.use(serverTimingMiddleware);
  app.use(app.get(PlatformMetrics).httpMiddleware);
  app.use(requestLogMiddleware(logger));
  app.use(securityHeaders());
  app.use(shutdown.refuseWhileDraining);
  app.use(correlationHeaderGuard);
  app.use(rawBodyMiddleware(rawBodies));
  app.use(mediaTypeGuard);
  app.useBodyParser('json', jsonParserOptions(config.bodyLimitBytes, config.bodyMaxDepth));
  app.use(bodyShapeGuard);
  app.use(bodyErrorMiddleware(config.bodyLimitBytes, logger));
  app.use(asyncContextMiddleware);
  if (config.corsOrigins.length > 0) app.enableCors({ origin: [...config.corsOrigins] });
}

export function setupOpenApi(app: INestApplication, title: string, version: string): void {
  const document = new DocumentBuilder()
    .setTitle(title)
    .setVersion(version)
    .setLicense('Proprietary (UNLICENSED)', 'https://spdx.org/licenses/')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  SwaggerModule.setup('docs', app, () => unsecurePublicOperations(SwaggerModule.createDocument(app, document)), { jsonDocumentUrl: 'docs/openapi.json' });
}

/** An operation marked @Public() needs no token: `security: []` overrides the document's bearer requirement. */
function unsecurePublicOperations(document: OpenAPIObject): OpenAPIObject {
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as Array<Record<string, unknown>>) {
      if (typeof operation !== 'object' || operation === null || !operation[PUBLIC_EXTENSION]) continue;
      delete operation[PUBLIC_EXTENSION];
      operation.security = [];
    }
  }
  return document;
}
