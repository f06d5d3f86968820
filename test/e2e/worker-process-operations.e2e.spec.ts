import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { ApiHarness } from './support/harness.js';
import { Child, WORKER_MAIN, cleanEnv } from './support/child-process.js';
import { openAccount, openTicket } from './support/hour-bank-fixtures.js';
import { HttpClient } from './support/http-client.js';

const metricLines = (text: string, name: string, labels: Record<string, string> = {}) =>
  text.split('\n').filter((line) => (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)));
const metricValue = (text: string, name: string, labels: Record<string, string> = {}) => Number(metricLines(text, name, labels)[0]?.split(' ').at(-1));

const LAG_LIMIT = 3;

/**
 * A split deployment: the API with HOURBANK_WORKER=off in this process, and the worker as its own process
 * (`npm run worker`) with HOURBANK_WORKER_HTTP_PORT=0, on one data dir (or one EventStoreDB model server).
 * Lag, due items and the worker's commands are only visible at the worker: its /metrics and /health/ready say so.
 */
describe('the worker process serves /health and /metrics (HOURBANK_WORKER_HTTP_PORT)', function () {
  this.timeout(90_000);
  let dataDir: string;
  let api: ApiHarness;
  let worker: Child;
  let http: HttpClient;
  const scrape = async () => {
    const result = await http.get('/metrics');
    expect(result.status, result.text).to.equal(200);
    return result.text;
  };
  /** Scrapes until `done` holds, so an assertion waits for the worker to consume what the API wrote. */
  const scrapeUntil = async (done: (text: string) => boolean, what: string): Promise<string> => {
    const until = Date.now() + 20_000;
    for (;;) {
      const text = await scrape();
      if (done(text)) return text;
      if (Date.now() > until) throw new Error(`the worker's /metrics never showed ${what}:\n${text.split('\n').filter((l) => l.startsWith('hourbank_') && !l.includes('_bucket')).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-worker-http-'));
    api = await ApiHarness.start({ dataDir, env: { HOURBANK_WORKER: 'off' } });
    const store = api.config.eventStoreConnectionString;
    worker = new Child(WORKER_MAIN, cleanEnv({
      HOURBANK_DATA_DIR: dataDir, HOURBANK_WORKER_HTTP_PORT: '0', HOURBANK_READINESS_MAX_LAG_EVENTS: String(LAG_LIMIT),
      ...(store !== undefined && { EVENTSTORE_CONNECTION_STRING: store }),
    }));
    const [, port] = await worker.waitFor(/"port":(\d+)[^\n]*health and metrics listening/, 40_000);
    http = new HttpClient(`http://127.0.0.1:${port}`);
  });
  after(async () => {
    worker?.kill('SIGTERM');
    const exited = await worker?.exitedWithin(15_000);
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
    // Nest's shutdown hooks close the application, then end the process with the signal it got.
    expect(`${exited?.code}/${exited?.signal}`, exited?.stderr).to.be.oneOf(['0/null', 'null/SIGTERM']);
    expect(exited?.stderr).to.equal('');
  });

  it('binds 127.0.0.1 by default and answers liveness and readiness (store, projection lag) there', async () => {
    expect(worker.logLines().find((line) => line.port !== undefined)?.host).to.equal('127.0.0.1');
    expect((await http.get('/health/live')).body).to.include({ status: 'ok' });
    const ready = await http.get('/health/ready');
    expect(ready.status, ready.text).to.equal(200);
    expect(ready.body.details.store).to.include({ status: 'up', backend: api.config.eventStoreConnectionString ? 'eventstoredb' : 'sqlite' });
    expect(ready.body.details.projections).to.include({ status: 'up', limit: LAG_LIMIT });
    expect(ready.body.details.projections.maxLagEvents).to.be.at.most(LAG_LIMIT);
  });

  it('stops at start with a clear message when its port is taken', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'hourbank-worker-port-'));
    try {
      const port = new URL(http.baseUrl).port;
      const exited = await new Child(WORKER_MAIN, cleanEnv({ HOURBANK_DATA_DIR: otherDir, HOURBANK_WORKER_HTTP_PORT: port })).exitedWithin(40_000);
      expect(exited.code).to.equal(1);
      expect(exited.stderr.trim()).to.equal(`Invalid worker HTTP listener (1 problem):\n  - HOURBANK_WORKER_HTTP_PORT: 127.0.0.1:${port} is already in use`);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('serves nothing else: another path is a 404 Problem', async () => {
    const other = await http.get('/accounts');
    expect(other.status).to.equal(404);
    expect(other.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });

  it('counts the due items the worker projected from the API\'s commands, and the commands its reactors sent', async () => {
    const before = await scrapeUntil((text) => metricValue(text, 'hourbank_projection_lag_events', { consumer: 'deadlines' }) === 0, 'the deadlines caught up');
    const pendingBefore = metricValue(before, 'hourbank_due_items', { state: 'pending' });
    const manager = await api.as('manager');
    const accountId = await openAccount(manager, { clientName: 'Padaria Split', firstPeriod: '2030-01' });
    const after = await scrapeUntil((text) => metricValue(text, 'hourbank_due_items', { state: 'pending' }) > pendingBefore, 'more pending due items');
    expect(metricValue(after, 'hourbank_due_items', { state: 'overdue' })).to.equal(0);
    // The ticket number is given by the worker's numbering reactor: a command run in the worker process, counted there.
    await openTicket(await api.as('client', { accounts: [accountId] }), accountId);
    const counted = await scrapeUntil((text) => metricLines(text, 'hourbank_commands_total', { outcome: 'appended' }).length > 0, 'an appended command');
    expect(metricLines(counted, 'hourbank_commands_total', { outcome: 'appended' }).join('\n')).to.match(/command="[A-Za-z]+"/);
  });

  it('shows a parked projection\'s lag grow with every event, and is not ready past HOURBANK_READINESS_MAX_LAG_EVENTS', async () => {
    const store = api.app.get<EventStore>(EVENT_STORE);
    const metadata = { actor: 'test', correlationId: randomUUID(), occurredAt: new Date().toISOString() };
    await store.append(`account-poison${randomUUID().slice(0, 8)}`, [{ id: randomUUID(), type: 'NotAnAccountEvent', data: { poison: true }, metadata }], 'no_stream');
    const parked = await scrapeUntil((text) => metricLines(text, 'hourbank_projection_lag_events', { consumer: 'account-balance', state: 'parked' }).length > 0, 'account-balance parked');
    const lagParked = metricValue(parked, 'hourbank_projection_lag_events', { consumer: 'account-balance' });
    const manager = await api.as('manager');
    for (const name of ['B', 'C', 'D', 'E']) await openAccount(manager, { clientName: `Padaria ${name}`, firstPeriod: '2030-01' });
    const grown = await scrapeUntil((text) => metricValue(text, 'hourbank_projection_lag_events', { consumer: 'account-balance' }) >= lagParked + 4, 'the parked lag grow by 4 events');
    expect(metricValue(grown, 'hourbank_projection_lag_events', { consumer: 'account-balance' })).to.be.greaterThan(LAG_LIMIT);
    const ready = await http.get('/health/ready');
    expect(ready.status, ready.text).to.equal(503);
    expect(ready.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(ready.body.code).to.equal('NOT_READY');
    expect(ready.body.details.error.projections.lagging).to.include('account-balance');
    expect(ready.body.details.error.projections.parked).to.include('account-balance');
    expect((await http.get('/health/live')).status).to.equal(200);
  });
});
