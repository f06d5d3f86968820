import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { envInt } from './bench-kit.js';
import { loadConfig, loadOrCreateJwtSecret, mintToken, type PrincipalRole } from '#platform';

/** Percentile of a sample by nearest rank (p in [0, 100]). */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

export interface Reply {
  readonly status: number;
  readonly body: any;
  readonly ms: number;
  /** The phases of `Server-Timing`, in ms. */
  readonly timing: Readonly<Record<string, number>>;
}

const serverTiming = (header: string | string[] | undefined): Record<string, number> => {
  const phases: Record<string, number> = {};
  for (const entry of String(header ?? '').split(',')) {
    const match = /^\s*([\w-]+);dur=([\d.]+)/.exec(entry);
    if (match) phases[match[1]!] = Number(match[2]);
  }
  return phases;
};

/** One keep-alive connection: requests on it go one after another, as a client with one socket sends them. */
export class Connection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly port: number,
    private readonly token: string,
  ) {}

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const started = process.hrtime.bigint();
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1', port: this.port, method, path, agent: this.agent,
          headers: {
            authorization: `Bearer ${this.token}`,
            ...(payload !== undefined && { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const text = Buffer.concat(chunks).toString();
            const json = /json/.test(String(res.headers['content-type'] ?? '')) && text !== '';
            resolve({ status: res.statusCode ?? 0, body: json ? JSON.parse(text) : text, ms, timing: serverTiming(res.headers['server-timing']) });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const expectStatus = (reply: Reply, ...statuses: number[]): Reply => {
  if (!statuses.includes(reply.status)) throw new Error(`HTTP ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply;
};

/**
 * The API as its own process (`npm start`'s entry point) on a data dir, with Server-Timing on and the throttle out of
 * the way; its log goes to a file so that the bench process does not pay for reading it.
 */
export class ApiProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(dataDir: string, env: Readonly<Record<string, string>> = {}): Promise<ApiProcess> {
    loadOrCreateJwtSecret(dataDir);
    const logFile = join(dataDir, `api-${Date.now()}.log`);
    const out = openSync(logFile, 'w');
    const child = spawn(process.execPath, [...(process.env.BENCH_API_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []), 'dist/apps/api/src/main.js'], {
      env: {
        PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', PORT: '0', HOURBANK_DATA_DIR: dataDir,
        LOG_LEVEL: 'info', HOURBANK_THROTTLE_LIMIT: '1000000', HOURBANK_SERVER_TIMING: 'on', ...env,
      },
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    const api = new ApiProcess(child, 0, dataDir);
    const started = Date.now();
    const deadline = started + envInt('BENCH_API_START_SECONDS', 120) * 1000;
    try {
      for (;;) {
        const match = /"port":(\d+)[^\n]*Hour Bank API listening/.exec(readFileSync(logFile, 'utf8'));
        if (match) {
          console.log(`  the API listened ${((Date.now() - started) / 1000).toFixed(1)} s after its start`);
          return new ApiProcess(child, Number(match[1]), dataDir);
        }
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The API did not start:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } catch (error) {
      await api.stop(); // what the bench started, it ends: a start that failed leaves no API behind
      throw error;
    }
  }

  async token(role: PrincipalRole, sub: string, accounts: readonly string[] = []): Promise<string> {
    const config = loadConfig({ HOURBANK_DATA_DIR: this.dataDir });
    return mintToken({ secret: loadOrCreateJwtSecret(this.dataDir), ...config.jwt }, { role, sub, accounts, ttl: '8h' });
  }

  async connection(role: PrincipalRole, sub: string, accounts: readonly string[] = []): Promise<Connection> {
    return new Connection(this.port, await this.token(role, sub, accounts));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Runs `count` requests over `connections` concurrent connections; each connection sends its next one when the last answered. */
export async function drive(connections: number, count: number, next: (connection: number, index: number) => Promise<Reply>): Promise<{ replies: Reply[]; seconds: number }> {
  const replies: Reply[] = [];
  let issued = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: connections }, async (_, connection) => {
      while (issued < count) replies.push(await next(connection, issued++));
    }),
  );
  return { replies, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
