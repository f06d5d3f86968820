import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The real server as `npm start` runs it (node dist/apps/api/src/main.js) on a fresh data dir and a free port,
 * with the embedded store and worker; the first-manager link is read from what it prints.
 */
export class RealServer {
  private constructor(private readonly child: ChildProcess, readonly dataDir: string, readonly url: string, readonly firstManagerLink: string, readonly output: () => string) {}

  static async start(env: Record<string, string> = {}): Promise<RealServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'hourbank-browser-'));
    const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      env: { ...process.env, PORT: '0', HOURBANK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOURBANK_SIGNIN_THROTTLE_PER_MINUTE: '1000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    for (;;) {
      const link = /(http:\/\/localhost:\d+\/primeiro-acesso#\S+)/.exec(output)?.[1];
      if (link) return new RealServer(child, dataDir, new URL(link).origin, link, () => output);
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`The server did not print its first-manager link:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
