import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const e2eDir = fileURLToPath(new URL('../e2e/', import.meta.url));
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');
/** This file has its own model server and faults; every other e2e file runs as it is. */
const files = readdirSync(e2eDir).filter((f) => f.endsWith('.e2e.spec.js') && f !== 'eventstoredb-faults.e2e.spec.js').sort();

interface Report {
  readonly stats: { readonly passes: number; readonly failures: number; readonly pending: number };
  readonly failures: readonly { readonly fullTitle: string; readonly err: { readonly message?: string } }[];
}

/** Runs one e2e file in its own process with every harness on a fresh EventStoreDbModelServer; mocha's JSON report back. */
async function runOnModel(file: string): Promise<Report> {
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-e2e-model-'));
  const output = join(dir, 'report.json');
  try {
    const child = spawn(process.execPath, [mocha, '--no-config', '--exit', '--timeout', '30000', '--reporter', 'json', '--reporter-option', `output=${output}`, join(e2eDir, file)], {
      env: { ...process.env, HOURBANK_E2E_EVENTSTORE: 'model', EVENTSTORE_CONNECTION_STRING: '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      return JSON.parse(readFileSync(output, 'utf8')) as Report;
    } catch {
      throw new Error(`mocha exited with ${code} and no report: ${stderr.slice(-2000)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('The end-to-end suite on EventStoreDB through the real client and adapter, against EventStoreDbModelServer (a model of the server)', function () {
  this.timeout(180_000);
  if (process.env.HOURBANK_E2E_EVENTSTORE) {
    it('runs when the e2e suite itself is not already on EventStoreDB', function () {
      console.log(`      skipped: HOURBANK_E2E_EVENTSTORE=${process.env.HOURBANK_E2E_EVENTSTORE} runs the e2e files on EventStoreDB directly`);
      this.skip();
    });
    return;
  }
  for (const file of files) {
    it(`${file}: every test passes`, async () => {
      const report = await runOnModel(file);
      const failed = report.failures.map((f) => `${f.fullTitle}: ${f.err.message ?? ''}`);
      expect(failed, failed.join('\n')).to.deep.equal([]);
      expect(report.stats.passes, 'tests that ran').to.be.above(0);
      console.log(`      ${report.stats.passes} passed on the model${report.stats.pending ? `, ${report.stats.pending} pending` : ''}`);
    });
  }
});
