import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPool } from '#eventstore';
import { type TestDatabase, createTestDatabase } from '#testing';
import { FilesystemAttachmentStore, PostgresAttachmentStore } from '#ticketing';

const run = promisify(execFile);
const cli = (env: Record<string, string>) =>
  run(process.execPath, ['dist/apps/cli/src/main.js', 'copy-attachments'], { env: { ...process.env, LOG_LEVEL: 'silent', ...env } })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (error: { code: number; stdout: string; stderr: string }) => error);

/** `npm run cli -- copy-attachments`: the embedded deployment's files into PostgreSQL, damaged ones named and left out. */
describe('npm run cli -- copy-attachments (data dir to PostgreSQL)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let database: TestDatabase;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-copy-'));
    database = await createTestDatabase('hbcopy');
  });
  after(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('copies every sound file, names the damaged one and exits 1; run again it changes nothing', async () => {
    const local = new FilesystemAttachmentStore(join(dataDir, 'attachments'));
    const files = [randomBytes(2000), randomBytes(1_500_000), randomBytes(10)];
    const ids = [];
    for (const file of files) ids.push((await local.put(file)).attachmentId);
    writeFileSync(join(dataDir, 'attachments', ids[2]!.slice(0, 2), ids[2]!), 'damaged');

    const first = await cli({ HOURBANK_DATA_DIR: dataDir, HOURBANK_DATABASE_URL: database.url });
    expect(first.code, first.stderr).to.equal(1);
    expect(first.stdout).to.contain('2 attachments from');
    expect(first.stderr).to.contain(ids[2]);

    const target = new PostgresAttachmentStore(openPool(database.url, { max: 2 }));
    try {
      expect((await target.get(ids[0]!))?.content.equals(files[0]!)).to.equal(true);
      expect((await target.get(ids[1]!))?.content.equals(files[1]!)).to.equal(true);
      expect(await target.get(ids[2]!)).to.equal(undefined);
      rmSync(join(dataDir, 'attachments', ids[2]!.slice(0, 2), ids[2]!));
      const again = await cli({ HOURBANK_DATA_DIR: dataDir, HOURBANK_DATABASE_URL: database.url });
      expect(again.code, again.stderr).to.equal(0);
      const pool = openPool(database.url, { max: 1 });
      expect((await pool.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n).to.equal(2);
      await pool.end();
    } finally {
      await target.close();
    }
  });

  it('refuses to copy the data dir into itself', async () => {
    const result = await cli({ HOURBANK_DATA_DIR: dataDir });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('set HOURBANK_ATTACHMENT_STORE');
  });
});
