import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WorkerLease, WorkerLeaseHeldError, openReadModelDatabase } from '#projections';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { READ_MODELS_FILE } from '../../apps/worker/src/read-models.js';
import { ApiHarness } from './support/harness.js';

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
