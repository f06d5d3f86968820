import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpClient } from '../../e2e/support/http-client.js';

export type Role = 'api' | 'worker';

/** One API or worker process of the cluster, with its own (initially empty) data dir, restartable on it. */
export class Member {
  private child: ChildProcess | undefined;
  private output = '';
  port = 0;

  constructor(
    readonly role: Role,
    readonly name: string,
    readonly dataDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get client(): HttpClient {
    return new HttpClient(`http://127.0.0.1:${this.port}`);
  }

  /** Starts the process and resolves once it says it is up (an API: listening, with its port). */
  start(timeoutMs = 60_000): Promise<void> {
    const script = this.role === 'api' ? 'dist/apps/api/src/main.js' : 'dist/apps/worker/src/main.js';
    const child = spawn(process.execPath, [script], {
      env: { ...this.env, HOURBANK_DATA_DIR: this.dataDir, PORT: '0', HOURBANK_WORKER: this.role === 'api' ? 'off' : 'embedded' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const ready = this.role === 'api' ? 'Hour Bank API listening' : 'Hour Bank worker running';
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} did not start within ${timeoutMs} ms:\n${this.tail()}`)), timeoutMs);
      const onLine = (chunk: Buffer) => {
        this.output += chunk.toString();
        if (this.output.length > 200_000) this.output = this.output.slice(-100_000);
        for (const line of chunk.toString().split('\n')) {
          if (!line.includes(ready)) continue;
          if (this.role === 'api') this.port = (JSON.parse(line) as { port: number }).port;
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onLine);
      child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code ?? signal}) before it was up:\n${this.tail()}`));
      });
    });
  }

  /** SIGKILL: no shutdown hook runs, claims and leases are left to expire. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Freezes the process (a stalled VM or a long GC pause), then lets it go on as if nothing happened. */
  async stall(ms: number): Promise<void> {
    this.child?.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.child?.kill('SIGCONT');
  }

  /** SIGTERM and wait: the graceful stop gives its claims back. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  tail(): string {
    return this.output.split('\n').slice(-30).join('\n');
  }
}

/** API replicas and workers on one PostgreSQL database, each process with its own data dir. */
export class Cluster {
  readonly apis: Member[];
  readonly workers: Member[];
  private readonly root = mkdtempSync(join(tmpdir(), 'hourbank-cluster-'));

  /** `envOf` adds to a member's environment (e.g. its own database address). */
  constructor(apis: number, workers: number, env: NodeJS.ProcessEnv, envOf: (name: string) => NodeJS.ProcessEnv = () => ({})) {
    const member = (role: Role, i: number) =>
      new Member(role, `${role}-${i + 1}`, mkdtempSync(join(this.root, `${role}-${i + 1}-`)), { ...env, ...envOf(`${role}-${i + 1}`) });
    this.apis = Array.from({ length: apis }, (_, i) => member('api', i));
    this.workers = Array.from({ length: workers }, (_, i) => member('worker', i));
  }

  get members(): Member[] {
    return [...this.apis, ...this.workers];
  }

  async start(): Promise<void> {
    await Promise.all(this.members.map((m) => m.start()));
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.stop()));
    rmSync(this.root, { recursive: true, force: true });
  }
}
