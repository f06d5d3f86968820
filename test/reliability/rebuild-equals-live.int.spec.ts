import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { TEST_CLOCK, type TestClock } from '#platform';
import { type Db, ProjectionRunner, openReadModelDatabase, readModelHash } from '#projections';
import { ReadModels } from '../../apps/worker/src/read-models.js';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from '../e2e/support/harness.js';
import type { HttpClient } from '../e2e/support/http-client.js';

/** mulberry32: a small seeded generator, so a failing scenario can be replayed. */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const SEED = Number(process.env.REBUILD_SPEC_SEED ?? 20260101);
const STEPS = Number(process.env.REBUILD_SPEC_STEPS ?? 400);

interface Cast {
  manager: HttpClient;
  agent: HttpClient;
  clients: Record<string, HttpClient>;
}

/** One random step over HTTP: a plausible command for a random ticket or account, or time moving on. */
const step = async (cast: Cast, tickets: Map<string, string>, random: () => number, worker: WorkerRuntime, clock: TestClock) => {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const accounts = Object.keys(cast.clients);
  const roll = random();
  if (roll < 0.2) return worker.advanceTo(clock, clock.now().add({ hours: 1 + Math.floor(random() * 300) }));
  if (roll < 0.32) {
    const accountId = pick(accounts);
    const body = { accountId, title: 'Demanda', description: 'Algo a fazer', category: pick(['support', 'consulting', 'investigation']) };
    const opened = await cast.clients[accountId]!.post('/tickets', body);
    if (opened.status === 201) tickets.set(opened.body.id, accountId);
    return;
  }
  if (roll < 0.35) return cast.manager.post(`/accounts/${pick(accounts)}/packages`, { minutes: 60 + Math.floor(random() * 600) });
  if (roll < 0.37) return cast.manager.post(`/accounts/${pick(accounts)}/adjustments`, { minutes: -30 + Math.floor(random() * 90) || 5, reason: 'Acerto' });
  const open = [...tickets.keys()];
  if (open.length === 0) return;
  const id = pick(open);
  const client = cast.clients[tickets.get(id)!]!;
  const ticket = (await cast.agent.get(`/tickets/${id}`)).body;
  const later = clock.now().add({ hours: 4 + Math.floor(random() * 200) }).toString();
  const day = clock.now().toZonedDateTimeISO('America/Sao_Paulo').toPlainDate().toString();
  const choices: Record<string, (() => Promise<unknown>)[]> = {
    open: [() => cast.agent.post(`/tickets/${id}/estimate`, { minutes: 30 + Math.floor(random() * 900), expectedDeliveryAt: later }),
      () => cast.agent.post(`/tickets/${id}/clarification-requests`, { question: 'Qual tela?' })],
    awaitingClarification: [() => client.post(`/tickets/${id}/clarifications`, { answer: 'A de vendas' })],
    awaitingApproval: [() => client.post(`/tickets/${id}/approval`, { decision: 'approve' }),
      () => client.post(`/tickets/${id}/approval`, { decision: 'reject', reason: 'Caro' })],
    rejected: [() => cast.agent.post(`/tickets/${id}/estimate`, { minutes: 20 + Math.floor(random() * 200), expectedDeliveryAt: later }),
      () => cast.agent.post(`/tickets/${id}/cancellation`, { reason: 'Desistiu' })],
    inProgress: [() => cast.agent.post(`/tickets/${id}/time-entries`, { minutes: 10 + Math.floor(random() * 240), activity: 'development', performedOn: day }),
      () => cast.agent.post(`/tickets/${id}/delivery`, { summary: 'Pronto' }),
      () => cast.agent.post(`/tickets/${id}/escalation`, { reason: 'Virou projeto' })],
    delivered: [() => client.post(`/tickets/${id}/acceptance`, {}), () => client.post(`/tickets/${id}/revision-requests`, { reason: 'Falta um campo' })],
  };
  const options = choices[ticket.status as string];
  if (!options) return void tickets.delete(id);
  await pick(options)();
};

const hashes = (db: Db, worker: WorkerRuntime): Record<string, string> =>
  Object.fromEntries(worker.projections.map((p) => [p.name, readModelHash(db, p)]));

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
    const manager = await api.as('manager');
    const clients: Record<string, HttpClient> = {};
    for (const plan of ['START', 'BASIC', 'ADVANCED']) {
      const opened = await manager.post('/accounts', { clientName: `Cliente ${plan}`, plan, firstPeriod: '2026-01', overageRateCentsPerHour: 12000 });
      clients[opened.body.id] = await api.as('client', { sub: `client-${plan}`, accounts: [opened.body.id] });
    }
    const cast = { manager, agent: await api.as('agent'), clients };
    const random = seeded(SEED);
    const tickets = new Map<string, string>();
    for (let i = 0; i < STEPS; i++) await step(cast, tickets, random, worker, clock);
    await worker.settle();
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

  it('rebuilds every projection in place to the same content hash', async () => {
    for (const projection of worker.projections) await worker.admin.rebuild(projection.name);
    expect(hashes(readModels(), worker)).to.deep.equal(live);
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

  it('took each account at the same balance as folding its stream', async () => {
    const manager = await api.as('manager');
    for (const account of (await manager.get('/balances?size=100')).body.items) {
      const folded = (await manager.get(`/accounts/${account.accountId}`)).body;
      expect([account.balanceMinutes, account.availableMinutes], account.accountId).to.deep.equal([folded.balanceMinutes, folded.availableMinutes]);
    }
  });
});
