import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamicModule } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  GracefulShutdown, loadConfig, loadTokenKeys, mintToken, type PlatformConfig, type PrincipalRole, type TokenSettings,
} from '#platform';
import { createApp, type CreateAppOptions } from '../../../apps/api/src/create-app.js';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { EventStoreDbModelServer, createTestDatabase, type TestDatabase } from '#testing';
import { HttpClient } from './http-client.js';
import { issuedReportsThatDoNotRegenerate } from './issued-reports-regenerate.js';

export interface HarnessOptions {
  readonly testClock?: boolean;
  /** Extra environment for loadConfig (e.g. HOURBANK_THROTTLE_LIMIT). */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a data dir (restart scenarios); it is then not deleted on close. */
  readonly dataDir?: string;
  readonly imports?: DynamicModule['imports'];
  /** Replaces the store the API opens (e.g. to simulate an unhealthy one). */
  readonly openEventStore?: CreateAppOptions['openEventStore'];
  /** Events in EventStoreDB at this connection string instead of the embedded store. */
  readonly eventStoreConnectionString?: string;
  /**
   * The server deployment: events, read models and the rest in a PostgreSQL database of this harness's own (dropped on
   * close). HOURBANK_E2E_POSTGRES=1 makes it the default, to run the e2e specs on PostgreSQL.
   */
  readonly postgres?: boolean;
}

/**
 * HOURBANK_E2E_EVENTSTORE runs every e2e spec on EventStoreDB: `model` gives each harness its own fresh
 * EventStoreDbModelServer (a model of the server); `server` uses the server EVENTSTORE_CONNECTION_STRING names.
 */
async function e2eEventStore(): Promise<{ connectionString?: string; stop(): Promise<void> }> {
  const choice = process.env.HOURBANK_E2E_EVENTSTORE;
  if (choice === 'model') {
    const model = await EventStoreDbModelServer.start();
    return { connectionString: model.connectionString(), stop: () => model.stop() };
  }
  if (choice === 'server') return { connectionString: process.env.EVENTSTORE_CONNECTION_STRING!, stop: async () => {} };
  return { stop: async () => {} };
}

export interface TokenRequest {
  readonly sub?: string;
  readonly accounts?: readonly string[];
  readonly ttl?: string;
}

/** The API in-process on a random port with its own temporary data dir. */
export class ApiHarness {
  private closed = false;

  private constructor(
    readonly app: NestExpressApplication,
    readonly config: PlatformConfig,
    readonly client: HttpClient,
    readonly tokens: TokenSettings,
    private readonly ownsDataDir: boolean,
    private readonly stopEventStore: () => Promise<void>,
    private readonly database?: TestDatabase,
  ) {}

  static async start(options: HarnessOptions = {}): Promise<ApiHarness> {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hourbank-e2e-'));
    const database = options.postgres ?? process.env.HOURBANK_E2E_POSTGRES === '1' ? await createTestDatabase('hbe2e') : undefined;
    const given = options.eventStoreConnectionString ?? database?.url;
    const eventStore = given ? { connectionString: given, stop: async () => {} } : await e2eEventStore();
    const config = loadConfig({
      ...(database && { HOURBANK_DATABASE_URL: database.url }),
      HOURBANK_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      HOURBANK_TEST_CLOCK: options.testClock ? 'on' : 'off',
      HOURBANK_THROTTLE_LIMIT: '10000',
      ...(eventStore.connectionString && { EVENTSTORE_CONNECTION_STRING: eventStore.connectionString }),
      ...options.env,
    });
    const app = await createApp(config, { imports: options.imports ?? [], ...(options.openEventStore && { openEventStore: options.openEventStore }) })
      .catch(async (error: unknown) => {
        await eventStore.stop();
        await database?.drop();
        throw error;
      });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const tokens = { ...(await loadTokenKeys(config)), ...config.jwt };
    return new ApiHarness(app, config, new HttpClient(url), tokens, options.dataDir === undefined, eventStore.stop, database);
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

  /**
   * As SIGTERM does: drains (ending SSE streams), then closes the application. First, every report issued into the
   * log is regenerated from it and must give the issued bytes: the harness fails the spec that left one that does not.
   * A second call does nothing.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const problems = await issuedReportsThatDoNotRegenerate(this.app.get<EventStore>(EVENT_STORE))
      .catch((error: Error) => [`the log could not be read to regenerate them: ${error.message}`]);
    await this.app.get(GracefulShutdown).run('close', () => this.app.close());
    await this.stopEventStore();
    await this.database?.drop();
    if (this.ownsDataDir) rmSync(this.config.dataDir, { recursive: true, force: true });
    if (problems.length > 0) throw new Error(`issued reports that no longer regenerate byte for byte:\n  ${problems.join('\n  ')}`);
  }
}
