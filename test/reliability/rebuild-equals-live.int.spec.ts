import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { accountBalanceAsOf } from '#hour-bank';
import { TEST_CLOCK, type TestClock } from '#platform';
import { type Db, ProjectionRunner, openReadModelDatabase, readModelHash, sqliteReader } from '#projections';
import { ReadModels } from '../../apps/worker/src/read-models.js';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from '../e2e/support/harness.js';
import { randomScenario } from './scenario-support/random-scenario.js';

const SEED = Number(process.env.REBUILD_SPEC_SEED ?? 20260101);
const STEPS = Number(process.env.REBUILD_SPEC_STEPS ?? 400);

const hashes = (db: Db, worker: WorkerRuntime): Record<string, string> =>
  Object.fromEntries(worker.projections.map((p) => [p.name, readModelHash(db, p)]));

/** The explicit indexes of each projection's active tables, generation suffix left out: a rebuild that builds them last must build them all. */
const indexes = (db: Db): string[] =>
  (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).pluck().all() as string[])
    .map((sql) => sql.replace(/__g\d+/g, '__g')).sort();

describe('a long random scenario over the real handlers', function () {
  this.timeout(300_000);
  let api: ApiHarness;
  let dataDir: string;
  let worker: WorkerRuntime;
  let live: Record<string, string>;
  let rowCount: number;
  const readModels = (): Db => api.app.get(ReadModels).db;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-rebuild-'));
    writeFileSync(join(dataDir, 'test-clock.json'), JSON.stringify({ now: '2025-12-20T12:00:00Z' }));
    api = await ApiHarness.start({ testClock: true, dataDir });
    worker = api.app.get(WorkerRuntime);
    const clock = api.app.get<TestClock>(TEST_CLOCK);
    const asClient = (sub: string, accountId: string) => api.as('client', { sub, accounts: [accountId] });
    await randomScenario(await api.as('manager'), await api.as('agent'), asClient, worker, clock, SEED, STEPS);
    live = hashes(readModels(), worker);
    rowCount = (readModels().prepare('SELECT count(*) AS n FROM ticket_list').get() as { n: number }).n;
  });

  after(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ran a scenario with tickets, debits, breaches and fired deadlines (seed printed on failure)', async () => {
    const db = readModels();
    const fired = (db.prepare('SELECT count(*) AS n FROM due_items WHERE fired_at IS NOT NULL').get() as { n: number }).n;
    expect({ seed: SEED, rowCount, fired: fired > 10 }).to.deep.include({ seed: SEED, fired: true });
    expect(rowCount).to.be.above(20);
    const types = new Set<string>();
    for await (const event of api.app.get<EventStore>(EVENT_STORE).readAll()) types.add(event.type);
    for (const type of ['ticket-debited', 'sla-breached', 'lot-expired', 'monthly-plan-credited', 'estimate-rejected']) {
      expect([...types].some((t) => t.includes(type)), type).to.equal(true);
    }
  });

  it('rebuilds every projection in place to the same content hash and the same indexes', async () => {
    const liveIndexes = indexes(readModels());
    expect(liveIndexes.some((sql) => sql.includes('ticket_list__g_account_status'))).to.equal(true);
    for (const projection of worker.projections) await worker.admin.rebuild(projection.name);
    expect(hashes(readModels(), worker)).to.deep.equal(live);
    expect(indexes(readModels())).to.deep.equal(liveIndexes);
  });

  it('replays the log into a fresh database to the same read models (deadlines: the same pending items)', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const fresh = openReadModelDatabase(join(dataDir, 'fresh.sqlite'));
    for (const projection of worker.projections) await new ProjectionRunner(projection, store, fresh).rebuild();
    const replayed = hashes(fresh, worker);
    const due = (db: Db, where: string) => db.prepare(`SELECT key, kind, due_at, payload FROM due_items WHERE ${where} ORDER BY key`).all() as { key: string }[];
    const firedLive = new Set(due(readModels(), 'fired_at IS NOT NULL').map((item) => item.key));
    // A fresh database has no firing marks: what fired live is due again there (and harmless, commands are idempotent).
    expect(due(fresh, 'true').filter((item) => !firedLive.has(item.key))).to.deep.equal(due(readModels(), 'fired_at IS NULL'));
    expect({ ...replayed, deadlines: 'compared above' }).to.deep.equal({ ...live, deadlines: 'compared above' });
    fresh.close();
  });

  it('took each account in the account-balance read model at the same balance as folding its stream', async () => {
    const manager = await api.as('manager');
    const now = api.app.get<TestClock>(TEST_CLOCK).now();
    for (const account of (await manager.get('/balances?size=100')).body.items) {
      const folded = (await manager.get(`/accounts/${account.accountId}`)).body;
      const projected = (await accountBalanceAsOf(sqliteReader(readModels()), account.accountId, now))!;
      expect([projected.balanceMinutes, projected.availableMinutes], account.accountId).to.deep.equal([folded.balanceMinutes, folded.availableMinutes]);
      expect([account.balanceMinutes, account.availableMinutes], account.accountId).to.deep.equal([folded.balanceMinutes, folded.availableMinutes]);
    }
  });
});
