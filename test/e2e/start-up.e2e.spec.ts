import { expect } from 'chai';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, Child, WORKER_MAIN, cleanEnv } from './support/child-process.js';

const BAD = {
  PORT: 'eighty',
  HOURBANK_WORKER: 'sometimes',
  HOURBANK_FEED_HEARTBEAT_SECONDS: '0',
  HOURBANK_SCHEDULER_INTERVAL_MS: '-5',
};

describe('start-up configuration', function () {
  this.timeout(60_000);
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'hourbank-start-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const [name, main] of [['API', API_MAIN], ['worker', WORKER_MAIN]] as const) {
    it(`the ${name} lists every bad variable once, without a stack trace, and touches no file`, async () => {
      const dataDir = join(root, 'data');
      const exited = await new Child(main, cleanEnv({ ...BAD, HOURBANK_DATA_DIR: dataDir })).exitedWithin();
      expect(exited.code).to.equal(1);
      for (const variable of Object.keys(BAD)) {
        expect(exited.stderr.split(variable).length - 1, `${variable} in:\n${exited.stderr}`).to.equal(1);
      }
      expect(exited.stderr).to.match(/^Invalid configuration \(4 problems\):\n/);
      expect(exited.stderr).not.to.match(/\n\s+at /);
      expect(existsSync(dataDir), 'the data dir was created').to.equal(false);
    });
  }

  for (const nodeEnv of ['production', 'Production', 'prod', 'staging']) {
    it(`refuses the test clock with NODE_ENV=${nodeEnv}`, async () => {
      const exited = await new Child(API_MAIN, cleanEnv({ NODE_ENV: nodeEnv, HOURBANK_TEST_CLOCK: 'on', HOURBANK_DATA_DIR: join(root, 'data') })).exitedWithin();
      expect(exited.code).to.equal(1);
      expect(exited.stderr).to.contain(`HOURBANK_TEST_CLOCK=on is refused when NODE_ENV is "${nodeEnv}"`);
    });
  }

  describe('in development, on an empty data dir', () => {
    it('creates the data dir 0700, every file in it 0600, and logs the new JWT secret', async () => {
      const dataDir = join(root, 'data');
      const api = new Child(API_MAIN, cleanEnv({ HOURBANK_DATA_DIR: dataDir, PORT: '0' }));
      try {
        await api.waitFor(/Hour Bank API listening/);
        const created = api.logLines().find((line) => line.msg === 'Created a new JWT secret');
        expect(created, api.stdout).to.include({ file: join(dataDir, 'jwt-secret'), mode: '0600' });
        expect(statSync(dataDir).mode & 0o777).to.equal(0o700);
        const modes = readdirSync(dataDir).map((file) => `${file} ${(statSync(join(dataDir, file)).mode & 0o777).toString(8)}`);
        expect(modes.length).to.be.greaterThan(4);
        expect(modes.filter((entry) => !entry.endsWith(' 600'))).to.deep.equal([]);
      } finally {
        api.kill('SIGTERM');
        await api.exited;
      }
    });
  });

  describe('in production', () => {
    const production = (dataDir: string, extra: Record<string, string> = {}) => cleanEnv({ NODE_ENV: 'production', HOURBANK_DATA_DIR: dataDir, PORT: '0', ...extra });
    const secretFile = () => ({ HOURBANK_JWT_SECRET_FILE: join(root, 'secrets', 'jwt') });

    it('refuses to start without a configured key, says how to give one, and creates nothing', async () => {
      const dataDir = join(root, 'data');
      const exited = await new Child(API_MAIN, production(dataDir)).exitedWithin();
      expect(exited.code).to.equal(1);
      expect(exited.stderr).to.match(/^Invalid configuration \(1 problem\):\n  - NODE_ENV is "production": tokens need a key from configuration/);
      expect(exited.stderr).to.contain('HOURBANK_JWT_SECRET_FILE').and.to.contain('HOURBANK_JWT_PUBLIC_KEY');
      expect(existsSync(dataDir), 'the data dir was created').to.equal(false);
    });

    it('refuses a secret file other users may read', async () => {
      const file = secretFile().HOURBANK_JWT_SECRET_FILE;
      mkdirSync(join(root, 'secrets'));
      writeFileSync(file, Buffer.alloc(32, 7).toString('base64url'));
      chmodSync(file, 0o644);
      const exited = await new Child(API_MAIN, production(join(root, 'data'), secretFile())).exitedWithin();
      expect(exited.code).to.equal(1);
      expect(exited.stderr).to.contain(`${file} is accessible to other users (mode 0644): run chmod 600 ${file}`);
    });

    it('starts with a private secret file created beforehand by the CLI, and makes no secret of its own', async () => {
      const env = production(join(root, 'data'), secretFile());
      const made = await new Child('dist/apps/cli/src/main.js', env, ['create-jwt-secret']).exitedWithin();
      expect(made.code, made.stderr).to.equal(0);
      expect(made.stdout).to.contain(`HOURBANK_JWT_SECRET_FILE=${secretFile().HOURBANK_JWT_SECRET_FILE}`);
      expect(statSync(secretFile().HOURBANK_JWT_SECRET_FILE).mode & 0o777).to.equal(0o600);
      const api = new Child(API_MAIN, env);
      try {
        await api.waitFor(/Hour Bank API listening/);
        expect(existsSync(join(root, 'data', 'jwt-secret'))).to.equal(false);
      } finally {
        api.kill('SIGTERM');
        await api.exited;
      }
    });
  });
});
