import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import pg from 'pg';
import { ApiHarness } from './support/harness.js';
import { castOf, created, openTicket, settle } from './support/hour-bank-fixtures.js';

const run = promisify(execFile);
const cli = async (dataDir: string, ...args: string[]) => cliWith({ HOURBANK_DATA_DIR: dataDir }, ...args);
const cliWith = async (env: Record<string, string>, ...args: string[]) => {
  const result = await run(process.execPath, ['dist/apps/cli/src/main.js', ...args], { env: { ...process.env, ...env } })
    .then((r) => ({ ...r, code: 0 }), (error: { code: number; stdout: string; stderr: string }) => error);
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
};

interface Row { position: number; id: string; stream: string; revision: number; data: string }

/*
 * A data dir written by the API (an account, two tickets worked and closed, the worker's reactors and the log
 * notary caught up), then closed: each test edits a copy of its SQLite store file as someone with access to the
 * disk would, and runs the real `npm run cli -- verify` on it.
 */
describe('npm run cli -- verify, on a store file edited behind the API', function () {
  this.timeout(120_000);
  let source: string;
  let copy: string;
  let rows: Row[];
  /**
   * On EventStoreDB (HOURBANK_E2E_EVENTSTORE) and PostgreSQL (HOURBANK_E2E_POSTGRES) the store file tests skip; verify
   * runs against the server while the API is up, and on PostgreSQL once more after an event was edited there with SQL.
   */
  const onEventStoreDb = !!process.env.HOURBANK_E2E_EVENTSTORE;
  const onPostgres = process.env.HOURBANK_E2E_POSTGRES === '1';
  const onServer = onEventStoreDb || onPostgres;
  let verifiedOnServer: Awaited<ReturnType<typeof cli>> | undefined;
  let editedOnPostgres: { verified: Awaited<ReturnType<typeof cli>>; victim: { id: string; position: number; stream: string; revision: number } } | undefined;
  /** What an auditor downloaded over HTTP while the API ran. */
  let downloaded: { checkpoints: string; status: any; asClient: number };
  const skipOnServer = (context: Mocha.Context) => {
    if (!onServer) return;
    console.log('      skipped: edits the SQLite store file; on a server store libs/integrity/src/verify-log.int.spec.ts tampers with its records');
    context.skip();
  };
  const open = () => new Database(join(copy, 'events.sqlite'));
  const ticketEvent = (type: string) => rows.find((r) => r.stream.startsWith('ticket-') && r.data.includes(type) || r.id === type)!;

  before(async function () {
    source = mkdtempSync(join(tmpdir(), 'hourbank-verify-e2e-'));
    writeFileSync(join(source, 'test-clock.json'), JSON.stringify({ now: '2026-03-02T12:00:00Z' }));
    const api = await ApiHarness.start({ testClock: true, dataDir: source, env: { HOURBANK_LOG_CHECKPOINT_EVERY: '7' } });
    try {
      const cast = await castOf(api, { firstPeriod: '2026-03' });
      await settle(cast.manager);
      for (let i = 0; i < 2; i++) {
        const ticket = await openTicket(cast.clientA, cast.accountA);
        created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 60, expectedDeliveryAt: '2026-03-04T20:00:00Z' }));
        created(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 45, activity: 'development', performedOn: '2026-03-02' }));
        created(await cast.agent.post(`/tickets/${ticket}/delivery`, { summary: 'Feito' }));
        created(await cast.clientA.post(`/tickets/${ticket}/acceptance`));
      }
      await settle(cast.manager);
      downloaded = {
        checkpoints: await (await fetch(`${api.url}/admin/log/checkpoints`, { headers: { authorization: `Bearer ${await api.token('auditor')}` } })).text(),
        status: (await cast.auditor.get('/admin/log')).body,
        asClient: (await cast.clientA.get('/admin/log/checkpoints')).status,
      };
      const serverEnv = {
        HOURBANK_DATA_DIR: source, EVENTSTORE_CONNECTION_STRING: api.config.eventStoreConnectionString ?? '',
        ...(api.config.databaseUrl && { HOURBANK_DATABASE_URL: api.config.databaseUrl }),
      };
      if (onServer) verifiedOnServer = await cliWith(serverEnv, 'verify');
      if (onPostgres) {
        const sql = new pg.Client({ connectionString: api.config.databaseUrl });
        await sql.connect();
        try {
          const { rows: [victim] } = await sql.query(`UPDATE events SET data = jsonb_set(data, '{minutes}', '5')
            WHERE position = (SELECT min(position) FROM events WHERE type = 'hourbank.ticket.time-logged.v1')
            RETURNING id, position::int, stream, revision::int`);
          editedOnPostgres = { verified: await cliWith(serverEnv, 'verify'), victim };
        } finally {
          await sql.end();
        }
      }
    } finally {
      await api.close();
    }
    if (onServer) return;
    const db = new Database(join(source, 'events.sqlite'), { readonly: true });
    rows = db.prepare('SELECT position, id, stream, revision, data FROM events ORDER BY position').all() as Row[];
    db.close();
  });
  beforeEach(function () {
    if (!/^on (EventStoreDB|a server store|PostgreSQL)/.test(this.currentTest?.title ?? '')) skipOnServer(this);
    copy = mkdtempSync(join(tmpdir(), 'hourbank-verify-copy-'));
    cpSync(source, copy, { recursive: true });
  });
  afterEach(() => copy && rmSync(copy, { recursive: true, force: true }));
  after(() => source && rmSync(source, { recursive: true, force: true }));

  it('on a server store (EventStoreDB, PostgreSQL): verifies the log the API wrote there, through the same CLI', function () {
    if (!onServer) {
      console.log('      skipped: runs when the e2e suite runs on EventStoreDB or PostgreSQL; the model and PostgreSQL runs of npm test do');
      this.skip();
    }
    expect(verifiedOnServer!.code, verifiedOnServer!.stdout + verifiedOnServer!.stderr).to.equal(0);
    expect(verifiedOnServer!.stdout).to.match(/^The log verifies\./).and.match(/(\d+) of \1 signed checkpoints hold/);
  });

  it('on PostgreSQL: names the event whose data was edited with SQL in the events table, and exits 1', function () {
    if (!onPostgres) {
      console.log('      skipped: runs when the e2e suite runs on PostgreSQL (HOURBANK_E2E_POSTGRES=1); the PostgreSQL run of npm test does');
      this.skip();
    }
    const { verified, victim } = editedOnPostgres!;
    expect(verified.code, verified.stdout).to.equal(1);
    expect(verified.stdout).to.contain(`First: modified: event ${victim.id}, position ${victim.position}, stream ${victim.stream}, revision ${victim.revision}`);
  });

  it('says the untouched log verifies, with its signed checkpoints, and exits 0', async () => {
    const { code, stdout } = await cli(copy, 'verify');
    expect(code, stdout).to.equal(0);
    expect(stdout).to.match(/^The log verifies\./).and.match(new RegExp(`${rows.length} events`)).and.match(/(\d+) of \1 signed checkpoints hold/);
  });

  it('names the event whose data was edited in the file, and exits 1', async () => {
    const victim = rows.find((r) => r.data.includes('"minutes":45'))!;
    const db = open();
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(victim.data.replace('"minutes":45', '"minutes":5'), victim.position);
    db.close();
    const { code, stdout } = await cli(copy, 'verify');
    expect(code).to.equal(1);
    expect(stdout).to.contain(`First: modified: event ${victim.id}, position ${victim.position}, stream ${victim.stream}, revision ${victim.revision}`);
  });

  it('names an event deleted from the file', async () => {
    const victim = ticketEvent('"summary":"Feito"');
    const db = open();
    db.prepare('DELETE FROM events WHERE position = ?').run(victim.position);
    db.close();
    const { code, stdout } = await cli(copy, 'verify');
    expect(code).to.equal(1);
    expect(stdout).to.contain(`First: deleted: event ${victim.id}, position ${victim.position}`);
  });

  it('names events whose order in the file was swapped', async () => {
    const ticket = rows.find((r) => r.stream.startsWith('ticket-'))!.stream;
    const [a, b] = rows.filter((r) => r.stream === ticket).slice(1, 3);
    const db = open();
    db.transaction(() => {
      db.prepare('UPDATE events SET position = -1 WHERE position = ?').run(a!.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(a!.position, b!.position);
      db.prepare('UPDATE events SET position = ? WHERE position = -1').run(b!.position);
    })();
    db.close();
    const { code, stdout } = await cli(copy, 'verify');
    expect(code).to.equal(1);
    expect(stdout).to.contain(`First: reordered: event ${b!.id}, position ${a!.position}`);
  });

  it('names an event inserted into the file', async () => {
    const last = rows.filter((r) => r.stream.startsWith('ticket-')).at(-1)!;
    const db = open();
    const forged = db.prepare('SELECT * FROM events WHERE position = ?').get(last.position) as Record<string, unknown>;
    db.prepare(`INSERT INTO events (id, stream, category, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run('00000000-0000-4000-8000-000000000001', forged.stream, forged.category, last.revision + 1, forged.type, forged.data, '{"actor":"intruder"}', forged.recorded_at);
    db.close();
    const { code, stdout } = await cli(copy, 'verify');
    expect(code).to.equal(1);
    expect(stdout).to.contain('First: inserted: event 00000000-0000-4000-8000-000000000001');
  });

  it('lets an auditor download the checkpoints and the public key over HTTP, and verify the log against them', async () => {
    expect(downloaded.asClient).to.equal(403);
    expect(downloaded.status).to.deep.include({ witnessedUpTo: rows.at(-1)!.position, events: rows.length });
    expect(downloaded.status.signer.keyId).to.match(/^[0-9a-f]{16}$/);
    const lines = downloaded.checkpoints.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.length).to.be.greaterThan(1);
    expect(lines.every((c) => c.keyId === downloaded.status.signer.keyId)).to.equal(true);
    const file = join(copy, 'kept-by-auditor.jsonl');
    writeFileSync(file, downloaded.checkpoints);
    const held = await cli(copy, 'verify', '--checkpoints', file, '--public-key', downloaded.status.signer.publicKey);
    expect(held.code, held.stdout).to.equal(0);
    const otherKey = await cli(copy, 'verify', '--checkpoints', file, '--public-key', generateKeyPairSync('ed25519').publicKey.export({ format: 'der', type: 'spki' }).toString('base64'));
    expect(otherKey.code).to.equal(1);
    expect(otherKey.stdout).to.match(/is signed by key [0-9a-f]{16}, which is not trusted/);
  });

  it('exports the signed checkpoints, and holds the system to them once they were deleted from it', async () => {
    const exported = join(copy, '..', `${copy.split('/').at(-1)}-checkpoints.jsonl`);
    try {
      expect((await cli(copy, 'export-checkpoints', '--out', exported)).code).to.equal(0);
      const db = new Database(join(copy, 'readmodels.sqlite'));
      const { n } = db.prepare('SELECT count(*) AS n FROM log_checkpoints').get() as { n: number };
      expect(n).to.be.greaterThan(1);
      db.prepare('DELETE FROM log_checkpoints').run();
      db.close();
      const { code, stdout } = await cli(copy, 'verify', '--checkpoints', exported);
      expect(code).to.equal(1);
      expect(stdout).to.match(/First: checkpoint: position \d+: the checkpoint signed at .* is no longer in the system/);
    } finally {
      rmSync(exported, { force: true });
    }
  });
});
