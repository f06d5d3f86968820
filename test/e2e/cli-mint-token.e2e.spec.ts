import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiHarness } from './support/harness.js';

const run = promisify(execFile);
const mint = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ['dist/apps/cli/src/main.js', 'mint-token', ...args], { env: { ...process.env, HOURBANK_DATA_DIR: dataDir } });

describe('npm run cli -- mint-token', () => {
  let dataDir: string;
  let api: ApiHarness | undefined;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'hourbank-cli-'))));
  afterEach(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('mints, before the API ever started, a token the API then accepts', async () => {
    const { stdout } = await mint(dataDir, '--role', 'manager', '--sub', 'alice', '--ttl', '5m');
    api = await ApiHarness.start({ testClock: true, dataDir });
    const result = await api.client.get('/admin/clock', { token: stdout.trim() });
    expect(result.status).to.equal(200);
  });

  it('refuses a client token without --accounts, exiting 1', async () => {
    const error = (await mint(dataDir, '--role', 'client', '--sub', 'acme').catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).to.equal(1);
    expect(error.stderr).to.contain('a client token needs --accounts');
  });
});
