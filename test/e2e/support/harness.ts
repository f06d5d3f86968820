import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, loadOrCreateJwtSecret, mintToken, type PlatformConfig, type PrincipalRole, type TokenSettings } from '#platform';
import { createTestDatabase, type TestDatabase } from '#testing';
import { createApp, type CreateAppOptions } from '../../../apps/api/src/create-app.js';
import { HttpClient } from './http-client.js';

export interface HarnessOptions {
  readonly testClock?: boolean;
  /** Extra environment for loadConfig (e.g. HOURBANK_THROTTLE_LIMIT). */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a data dir (restart scenarios); it is then not deleted on close. */
  readonly dataDir?: string;
  readonly imports?: DynamicModule['imports'];
  /** Replaces the store the API opens (e.g. to simulate an unhealthy one). */
  readonly openEventStore?: CreateAppOptions['openEventStore'];
  /**
   * The server deployment: events, read models and the rest in a PostgreSQL database of this harness's own (dropped on
   * close). HOURBANK_E2E_POSTGRES=1 makes it the default, to run the e2e specs on PostgreSQL.
   */
  readonly postgres?: boolean;
}

export interface TokenRequest {
  readonly sub?: string;
  readonly accounts?: readonly string[];
  readonly ttl?: string;
}

/** The API in-process on a random port with its own temporary data dir. */
export class ApiHarness {
  private constructor(
    readonly app: NestExpressApplication,
    readonly config: PlatformConfig,
    readonly client: HttpClient,
    readonly tokens: TokenSettings,
    private readonly ownsDataDir: boolean,
    private readonly database?: TestDatabase,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<ApiHarness> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hourbank-e2e-'));
    const database = options.postgres ?? process.env.HOURBANK_E2E_POSTGRES === '1' ? await createTestDatabase('hbe2e') : undefined;
    const shared = database ? { HOURBANK_DATABASE_URL: database.url, EVENTSTORE_CONNECTION_STRING: database.url } : {};
    const config = loadConfig({
      ...shared,
      HOURBANK_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      HOURBANK_TEST_CLOCK: options.testClock ? 'on' : 'off',
      HOURBANK_THROTTLE_LIMIT: '10000',
      ...options.env,
    });
    const app = await createApp(config, { imports: options.imports ?? [], ...(options.openEventStore && { openEventStore: options.openEventStore }) })
      .catch(async (error: unknown) => {
        await database?.drop();
        throw error;
      });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const tokens = { secret: loadOrCreateJwtSecret(dataDir), ...config.jwt };
    return new ApiHarness(app, config, new HttpClient(url), tokens, options.dataDir === undefined, database);
  }

  get url(): string {
    return this.client.baseUrl;
  }

  token(role: PrincipalRole, request: TokenRequest = {}): Promise<string> {
    return mintToken(this.tokens, { role, sub: request.sub ?? `${role}-1`, accounts: request.accounts ?? [], ttl: request.ttl ?? '10m' });
  }

  async as(role: PrincipalRole, request: TokenRequest = {}): Promise<HttpClient> {
    return this.client.as(await this.token(role, request));
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database?.drop();
    if (this.ownsDataDir) rmSync(this.config.dataDir, { recursive: true, force: true });
  }
}
