import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { testPostgresServer } from '#testing';

const run = promisify(execFile);

/** The domain e2e specs that do not look at SQLite files themselves, run again on the server deployment. */
const SPECS = [
  'ticket-lifecycle', 'ticket-approval-and-roles', 'fourteen-months', 'reports', 'log-verify', 'retries-and-concurrency', 'feed', 'tenancy-and-input',
  'agency-contracts', 'ticket-service', 'attachments', 'event-versions', 'contract-end', 'ticket-list-pages', 'sla-timer-pages', 'gate-compensation',
].map((name) => `dist/test/e2e/${name}.e2e.spec.js`);

interface MochaJson {
  stats: { passes: number; failures: number; pending: number };
  failures: { fullTitle: string; err: { message: string } }[];
}

describe('the e2e specs on PostgreSQL (events, read models, claims, idempotency in one database per harness)', function () {
  this.timeout(600_000);
  if (process.env.HOURBANK_E2E_POSTGRES || process.env.HOURBANK_E2E_EVENTSTORE) {
    it('runs when the e2e suite itself is not already on another deployment', function () {
      console.log('      skipped: HOURBANK_E2E_POSTGRES or HOURBANK_E2E_EVENTSTORE already runs the e2e files elsewhere');
      this.skip();
    });
    return;
  }

  it(`passes ${SPECS.length} e2e spec files with HOURBANK_E2E_POSTGRES=1, every test of them`, async () => {
    const { adminUrl } = await testPostgresServer();
    const env = { ...process.env, HOURBANK_E2E_POSTGRES: '1', HOURBANK_TEST_DATABASE_URL: adminUrl, LOG_LEVEL: 'silent' };
    const args = ['node_modules/mocha/bin/mocha.js', '--no-config', '--exit', '--timeout', '120000', '--reporter', 'json', ...SPECS];
    const { stdout } = await run(process.execPath, args, { env, maxBuffer: 64 * 1024 * 1024 }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as MochaJson;
    const failures = report.failures.map((f) => `${f.fullTitle}: ${f.err.message}`);
    expect(failures).to.deep.equal([]);
    expect(report.stats.passes).to.be.above(60);
    console.log(`      (on PostgreSQL: ${report.stats.passes} passed, ${report.stats.failures} failed, ${report.stats.pending} skipped)`);
  });
});
