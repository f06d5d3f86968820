import { spawn, type ChildProcess } from 'node:child_process';

export interface Exited {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A process of this build (`dist/...`), its output collected, its exit awaited. */
export class Child {
  readonly process: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exited>;

  constructor(script: string, env: Readonly<Record<string, string | undefined>>, args: readonly string[] = []) {
    this.process = spawn(process.execPath, [script, ...args], { env: { ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.process.on('exit', (code, signal) => resolve({ code, signal, stdout: this.stdout, stderr: this.stderr })),
    );
  }

  /** Resolves when stdout has shown `pattern`; rejects when the process exits first or after `timeoutMs`. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.stdout);
      if (match) return match;
      if (this.process.exitCode !== null || this.process.signalCode !== null || Date.now() > until) {
        throw new Error(`no ${pattern} in the output (exit ${this.process.exitCode ?? this.process.signalCode}):\n${this.stdout}\n${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Log lines (pino JSON) written so far. */
  logLines(): Array<Record<string, unknown>> {
    return this.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  /** The exit, or a SIGKILL once `ms` have passed without one (so a process that should have refused to start cannot hang a test). */
  exitedWithin(ms = 45_000): Promise<Exited> {
    const timer = setTimeout(() => this.kill(), ms);
    return this.exited.finally(() => clearTimeout(timer));
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
  }
}

/** Environment for a child: this one's, without what the suite or a developer may have set for Hour Bank. */
export const cleanEnv = (extra: Readonly<Record<string, string>>): Record<string, string | undefined> => {
  const env: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^(HOURBANK_|NODE_ENV$|PORT$|LOG_LEVEL$|EVENTSTORE_)/.test(name)) env[name] = value;
  return { ...env, LOG_LEVEL: 'info', ...extra };
};

export const API_MAIN = 'dist/apps/api/src/main.js';
export const WORKER_MAIN = 'dist/apps/worker/src/main.js';
