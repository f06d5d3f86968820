import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WorkerLease, WorkerLeaseHeldError, openReadModelDatabase } from '#projections';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { READ_MODELS_FILE } from '../../apps/worker/src/read-models.js';
import { ApiHarness } from './support/harness.js';
import { Child, WORKER_MAIN, cleanEnv } from './support/child-process.js';

const run = promisify(execFile);
const rebuild = (dataDir: string) =>
  run(process.execPath, ['dist/apps/cli/src/main.js', 'rebuild', 'account-balance'], { env: { ...process.env, HOURBANK_DATA_DIR: dataDir } });

describe('one writer of the read models per data dir (the worker lease)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let api: ApiHarness | undefined;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'hourbank-lease-'))));
  afterEach(async () => {
    await api?.close();
    api = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the CLI rebuild refuses to run beside a running API, and runs once it has stopped', async () => {
    api = await ApiHarness.start({ dataDir });
    const manager = await api.as('manager');
    expect((await manager.post('/accounts', { clientName: 'Acme', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 15000 })).status).to.equal(201);
    await api.app.get(WorkerRuntime).settle();
    const refused = (await rebuild(dataDir).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain(`Another process writes these read models: worker (pid ${process.pid}`);
    await api.close();
    api = undefined;
    const { stdout } = await rebuild(dataDir);
    expect(stdout).to.match(/account-balance: rebuilt in/);
  });

  it('an API does not start its worker while another live process holds the lease', async () => {
    const db = openReadModelDatabase(join(dataDir, READ_MODELS_FILE));
    const other = new WorkerLease(db, { role: 'cli rebuild', pid: process.ppid });
    other.acquire();
    try {
      const error = await ApiHarness.start({ dataDir }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(WorkerLeaseHeldError);
      expect((error as Error).message).to.contain(`cli rebuild (pid ${process.ppid}`);
    } finally {
      other.release();
      db.close();
    }
    api = await ApiHarness.start({ dataDir });
    expect((await api.client.get('/health')).status).to.equal(200);
  });
});

describe('a worker SIGKILLed while its parent does not reap it (a zombie, as under a shell or an init-less pid 1)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let parent: ReturnType<typeof spawn> | undefined;
  let next: Child | undefined;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'hourbank-zombie-'))));
  afterEach(async () => {
    parent?.kill('SIGKILL');
    next?.kill();
    await next?.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses its lease at once: the next worker on this host starts without waiting for the expiry', async () => {
    const log = join(dataDir, 'first.log');
    const env = cleanEnv({ HOURBANK_DATA_DIR: dataDir });
    // `exec sleep` replaces the shell, so nothing waits for the worker: once killed it stays a zombie.
    parent = spawn('sh', ['-c', `"${process.execPath}" ${WORKER_MAIN} > "${log}" 2>&1 & echo $!; exec sleep 60`], { env, stdio: ['ignore', 'pipe', 'ignore'] });
    const pid = Number(await new Promise<string>((resolve) => parent!.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
    const running = () => existsSync(log) && readFileSync(log, 'utf8').includes('Hour Bank worker running');
    for (let i = 0; i < 300 && !running(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(running(), 'the first worker started').to.equal(true);
    process.kill(pid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    expect(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0], 'the killed worker is a zombie').to.equal('Z');
    const started = Date.now();
    next = new Child(WORKER_MAIN, env);
    await next.waitFor(/Hour Bank worker running/, 30_000);
    expect(next.stdout).not.to.contain('Waiting for the worker lease');
    expect(Date.now() - started).to.be.below(7_000);
  });
});
