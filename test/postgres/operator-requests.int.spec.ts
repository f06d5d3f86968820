import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DynamicModule, type INestApplicationContext, Module, type OnModuleInit } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { PinoLoggerService, PlatformModule, createRootLogger, loadConfig } from '#platform';
import type { Db, Projection, TableNames } from '#projections';
import { createTestDatabase, type TestDatabase } from '#testing';
import { AccountsModule } from '../../apps/api/src/accounts/accounts.module.js';
import { openEventStore } from '../../apps/api/src/event-store.js';
import { TicketsModule } from '../../apps/api/src/tickets/tickets.module.js';
import { ReadModels } from '../../apps/worker/src/read-models.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { WorkerRuntime } from '../../apps/worker/src/worker-runtime.js';
import { ApiHarness } from '../e2e/support/harness.js';
import { created } from '../e2e/support/hour-bank-fixtures.js';
import type { HttpClient } from '../e2e/support/http-client.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A test read model that fails on `poison` events while `probeSwitch.failing` is set (a bug, then its fix). */
const probeSwitch = { failing: true };
const PROBE_TYPE = 'test.probe.v1';
const probe: Projection = {
  name: 'probe',
  version: 1,
  filter: { streamCategories: ['probe'], eventTypes: [PROBE_TYPE] },
  tables: ['probe_rows'],
  // A rebuild builds the index after its bulk load: the shared table must still get it.
  indexesAfterBulkLoad: true,
  migrate: (db: Db, t: TableNames) => db.exec(`CREATE TABLE ${t('probe_rows')} (event_id TEXT PRIMARY KEY, poison INTEGER NOT NULL);
    CREATE INDEX ${t('probe_rows')}_poison ON ${t('probe_rows')} (poison, event_id);`),
  apply(db: Db, event, t: TableNames) {
    const { poison } = event.data as { poison: boolean };
    if (poison && probeSwitch.failing) throw new Error('probe: cannot apply a poison event');
    db.prepare(`INSERT INTO ${t('probe_rows')} VALUES (?, ?) ON CONFLICT DO NOTHING`).run(event.id, poison ? 1 : 0);
  },
};

@Module({})
class ProbeModule implements OnModuleInit {
  constructor(private readonly worker: WorkerRuntime) {}
  onModuleInit(): void {
    this.worker.register(probe);
  }
}

/** A worker process's modules (apps/worker's WorkerAppModule) with the probe read model, in this process. */
@Module({})
class ProbeWorkerModule {
  static forRoot(config: ReturnType<typeof loadConfig>): DynamicModule {
    const logger = createRootLogger('silent');
    return {
      module: ProbeWorkerModule,
      imports: [PlatformModule.forRoot({ config, logger, openEventStore, http: false }), AccountsModule, TicketsModule, WorkerModule.forRoot({ mode: 'embedded' }), ProbeModule],
    };
  }
}

interface WorkerHost {
  readonly app: INestApplicationContext;
  readonly id: string;
  close(): Promise<void>;
}

async function startWorker(database: TestDatabase): Promise<WorkerHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hourbank-opworker-'));
  const config = loadConfig({
    HOURBANK_DATA_DIR: dataDir, HOURBANK_DATABASE_URL: database.url, EVENTSTORE_CONNECTION_STRING: database.url, LOG_LEVEL: 'silent', HOURBANK_CLAIM_TTL_MS: '1500',
  }, process.cwd(), { checksTokens: false });
  const app = await NestFactory.createApplicationContext(ProbeWorkerModule.forRoot(config), { logger: new PinoLoggerService(createRootLogger('silent')) });
  await app.init();
  return {
    app,
    id: app.get(WorkerRuntime).workerId!,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/*
 * The server deployment's operator actions (issue 14): an API replica with HOURBANK_WORKER=off runs no consumer,
 * yet its /admin/projections retries, skips and rebuilds, for projections and reactor partitions alike. Each becomes
 * an operator request in PostgreSQL that the worker holding the consumer carries out, the outcome being the answer.
 */
describe('operator actions asked on an API replica, carried out by the worker holding the consumer (PostgreSQL)', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let api: ApiHarness;
  let worker: WorkerHost;
  let manager: HttpClient;
  let store: EventStore;

  const consumer = async (name: string) => {
    const found = created(await manager.get('/admin/projections')).consumers.find((c: { name: string }) => c.name === name);
    expect(found, name).to.not.equal(undefined);
    return found;
  };
  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
    const end = performance.now() + timeoutMs;
    while (!(await check())) {
      if (performance.now() > end) throw new Error(`Timed out waiting for ${what}`);
      await sleep(100);
    }
  };
  const metadata = () => ({ actor: 'spec', correlationId: randomUUID(), occurredAt: new Date().toISOString() });
  const probeEvent = async (poison: boolean) =>
    (await store.append(`probe-${randomUUID()}`, [{ id: randomUUID(), type: PROBE_TYPE, data: { poison }, metadata: metadata() }], 'no_stream')).position;
  const probeRows = () => api.app.get(ReadModels).reader.all<{ poison: number }>('SELECT poison FROM probe_rows');
  const audit = () => api.app.get(ReadModels).pool!.query<{ consumer: string; action: string; position: number; actor: string; reason: string | null }>(
    'SELECT consumer, action, position, actor, reason FROM parked_events_audit ORDER BY id');
  const parkedAt = (name: string, position: number) => until(`${name} parked at ${position}`, async () => (await consumer(name)).parked?.position === position);

  before(async () => {
    database = await createTestDatabase('hbopreq');
    worker = await startWorker(database);
    api = await ApiHarness.start({
      eventStoreConnectionString: database.url, imports: [ProbeModule],
      env: { HOURBANK_DATABASE_URL: database.url, HOURBANK_WORKER: 'off', HOURBANK_OPERATOR_WAIT_SECONDS: '3', HOURBANK_CLAIM_TTL_MS: '1500' },
    });
    manager = await api.as('manager', { sub: 'ops-maria' });
    store = api.app.get<EventStore>(EVENT_STORE);
    await until('the worker holds the probe', async () => (await consumer('probe')).holder === worker.id);
  });

  after(async () => {
    await api?.close();
    await worker?.close();
    await database?.drop();
  });

  it('the API replica runs no consumer itself: every claim is the worker\'s', async () => {
    await until('every consumer held', async () => created(await manager.get('/admin/projections')).consumers.every((c: { holder?: string }) => c.holder !== undefined));
    const { consumers } = created(await manager.get('/admin/projections'));
    expect(consumers.map((c: { holder?: string }) => c.holder).filter((holder: string | undefined) => holder !== worker.id)).to.deep.equal([]);
    expect(api.app.get(WorkerRuntime).workerId).to.not.equal(worker.id);
  });

  it('retries a parked projection: still broken, it parks again; once fixed, the retry applies it', async () => {
    probeSwitch.failing = true;
    const poison = await probeEvent(true);
    await parkedAt('probe', poison);
    const first = await manager.post('/admin/projections/probe/retry');
    expect(first.status, first.text).to.equal(200);
    expect(first.body).to.include({ name: 'probe', retried: true });
    const request = created(await manager.get(`/admin/operator-requests/${first.body.requestId}`));
    expect(request).to.include({ consumer: 'probe', action: 'retry', state: 'done', worker: worker.id, actor: 'ops-maria', error: null });
    await until('the probe tried it again and parked it again', async () => (await consumer('probe')).parked?.attempts === 2);
    probeSwitch.failing = false;
    const second = await manager.post('/admin/projections/probe/retry');
    expect(second.status, second.text).to.equal(200);
    await until('the probe applied the event', async () => (await consumer('probe')).parked === null && (await probeRows()).some((row) => row.poison === 1));
  });

  it('skips a parked projection at the position named, audited with who and why', async () => {
    probeSwitch.failing = true;
    const poison = await probeEvent(true);
    await parkedAt('probe', poison);
    const wrong = await manager.post('/admin/projections/probe/skip', { position: poison - 1, reason: 'the wrong one' });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.code).to.equal('PARKED_EVENT_IS_AT_ANOTHER_POSITION');
    const skipped = await manager.post('/admin/projections/probe/skip', { position: poison, reason: 'payload fixed upstream' });
    expect(skipped.status, skipped.text).to.equal(200);
    expect(skipped.body).to.include({ name: 'probe', skipped: poison });
    const status = await consumer('probe');
    expect(status.parked).to.equal(null);
    expect(status.position).to.be.at.least(poison);
    expect((await audit()).rows.at(-1)).to.deep.equal({ consumer: 'probe', action: 'skipped', position: poison, actor: 'ops-maria', reason: 'payload fixed upstream' });
  });

  it('rebuilds a projection on the worker: the shared rows are replaced by a replay (the skipped event applies now)', async () => {
    probeSwitch.failing = false;
    expect((await probeRows()).filter((row) => row.poison === 1)).to.have.length(1);
    const rebuilt = await manager.post('/admin/projections/probe/rebuild?wait=true');
    expect(rebuilt.status, rebuilt.text).to.equal(200);
    expect(rebuilt.body).to.include({ name: 'probe', parked: null });
    expect((await probeRows()).filter((row) => row.poison === 1), 'both poison events, replayed').to.have.length(2);
    const indexes = await api.app.get(ReadModels).pool!.query<{ indexdef: string }>(`SELECT indexdef FROM pg_indexes WHERE tablename = 'probe_rows' AND indexdef LIKE '%(poison, event_id)%'`);
    expect(indexes.rows, 'the index built after the bulk load, in PostgreSQL').to.have.length(1);
    const accepted = await manager.post('/admin/projections/probe/rebuild');
    expect(accepted.status).to.equal(202);
    await until('the second rebuild', async () => created(await manager.get(`/admin/operator-requests/${accepted.body.requestId}`)).state === 'done');
  });

  it('retries and skips a parked reactor partition', async () => {
    const ticketId = `t-${randomUUID()}`;
    const closed = {
      id: randomUUID(), type: 'hourbank.ticket.closed.v1', metadata: metadata(),
      data: { ticketId, accountId: 'acc-that-does-not-exist', loggedMinutes: 30, minutesByActivity: {}, how: 'accepted', closedAt: new Date().toISOString() },
    };
    const position = (await store.append(`ticket-${ticketId}`, [closed], 'no_stream')).position;
    let partition = '';
    await until('a ticket-account partition parked', async () => {
      const parked = created(await manager.get('/admin/projections')).consumers.find((c: { name: string; parked: { position: number } | null }) =>
        c.name.startsWith('ticket-account/') && c.parked?.position === position);
      partition = parked?.name ?? '';
      return partition !== '';
    });
    const path = `/admin/projections/${encodeURIComponent(partition)}`;
    const retried = await manager.post(`${path}/retry`);
    expect(retried.status, retried.text).to.equal(200);
    expect(created(await manager.get(`/admin/operator-requests/${retried.body.requestId}`))).to.include({ consumer: partition, state: 'done', worker: worker.id });
    await parkedAt(partition, position);
    const skipped = await manager.post(`${path}/skip`, { position, reason: 'a ticket of no account' });
    expect(skipped.status, skipped.text).to.equal(200);
    expect((await consumer(partition)).parked).to.equal(null);
    expect((await audit()).rows.at(-1)).to.include({ consumer: partition, action: 'skipped', position, actor: 'ops-maria' });
  });

  it('with no worker holding the consumer, answers 202 with the request; a worker that takes the claim carries it out', async () => {
    probeSwitch.failing = true;
    const poison = await probeEvent(true);
    await parkedAt('probe', poison);
    await worker.close();
    const waiting = await manager.post('/admin/projections/probe/retry');
    expect(waiting.status, waiting.text).to.equal(202);
    expect(waiting.body).to.include({ consumer: 'probe', action: 'retry', state: 'pending', worker: null });
    expect(waiting.headers.get('location')).to.equal(`/admin/operator-requests/${waiting.body.id}`);
    probeSwitch.failing = false;
    worker = await startWorker(database);
    await until('the new worker carried the request out', async () => created(await manager.get(`/admin/operator-requests/${waiting.body.id}`)).state === 'done');
    expect(created(await manager.get(`/admin/operator-requests/${waiting.body.id}`)).worker).to.equal(worker.id);
    await until('the probe applied it', async () => (await consumer('probe')).parked === null);
  });

  it('answers 404 for an unknown request', async () => {
    const missing = await manager.get('/admin/operator-requests/999999');
    expect(missing.status).to.equal(404);
    expect(missing.body.code).to.equal('OPERATOR_REQUEST_NOT_FOUND');
  });
});
