import { expect } from 'chai';
import { Writable } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '#platform';
import { createApp } from '../../apps/api/src/create-app.js';
import { ApiHarness } from './support/harness.js';
import { castOf, openTicket, settle, type Cast } from './support/hour-bank-fixtures.js';
import { HttpClient } from './support/http-client.js';

const metricLine = (text: string, name: string, labels: Record<string, string> = {}) =>
  text.split('\n').find((line) => line.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
  ?? text.split('\n').find((line) => Object.keys(labels).length === 0 && line.startsWith(`${name} `));
const metricValue = (text: string, name: string, labels: Record<string, string> = {}) => Number(metricLine(text, name, labels)?.split(' ').at(-1));

describe('running it as a service: metrics, health, security headers, request logs', function () {
  this.timeout(30_000);
  let api: ApiHarness;
  let cast: Cast;
  let ticket: string;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    ticket = await openTicket(cast.clientA, cast.accountA);
    await cast.agent.get(`/tickets/${ticket}`);
    await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 0, expectedDeliveryAt: 'soon' });
    await cast.clientA.post(`/tickets/${ticket}/acceptance`, {});
    await settle(cast.manager);
  });
  after(() => api?.close());

  describe('GET /metrics (Prometheus text, public)', () => {
    let text: string;
    before(async () => {
      const result = await api.client.get('/metrics');
      expect(result.status).to.equal(200);
      expect(result.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
      text = result.text;
    });

    it('has HTTP latency histograms by route template, method and status', () => {
      expect(metricValue(text, 'hourbank_http_request_duration_seconds_count', { method: 'GET', route: '/tickets/:id', status: '200' })).to.be.at.least(1);
      expect(metricLine(text, 'hourbank_http_request_duration_seconds_bucket', { route: '/tickets/:id', le: '0.1' })).to.be.a('string');
      expect(text).not.to.contain(`route="/tickets/${ticket}"`);
    });

    it('counts commands by outcome, a refusal with its code', () => {
      expect(metricValue(text, 'hourbank_commands_total', { command: 'OpenTicket', outcome: 'appended' })).to.be.at.least(1);
      expect(metricValue(text, 'hourbank_commands_total', { command: 'AcceptDelivery', outcome: 'rejected' })).to.equal(1);
    });

    it('shows projection lag in events, due items and open feed streams', () => {
      expect(metricValue(text, 'hourbank_projection_lag_events', { consumer: 'account-balance' })).to.equal(0);
      expect(metricValue(text, 'hourbank_due_items', { state: 'pending' })).to.be.at.least(1);
      expect(metricValue(text, 'hourbank_due_items', { state: 'overdue' })).to.equal(0);
      expect(metricValue(text, 'hourbank_feed_streams_open')).to.equal(0);
      expect(metricValue(text, 'hourbank_event_store_head_position')).to.be.greaterThan(0);
    });
  });

  describe('health', () => {
    it('answers liveness and readiness (store, projection lag) without a token', async () => {
      const live = await api.client.get('/health/live');
      expect(live.status).to.equal(200);
      expect(live.body.status).to.equal('ok');
      const ready = await api.client.get('/health/ready');
      expect(ready.status, ready.text).to.equal(200);
      expect(ready.body.details.store).to.include({ status: 'up', backend: process.env.HOURBANK_E2E_EVENTSTORE ? 'eventstoredb' : 'sqlite' });
      expect(ready.body.details.projections).to.include({ status: 'up', maxLagEvents: 0 });
    });
  });

  describe('security headers (helmet)', () => {
    it('sends a CSP that allows same-origin scripts and styles, and the usual hardening headers', async () => {
      const result = await api.client.get('/health/live');
      const csp = result.headers.get('content-security-policy') ?? '';
      expect(csp).to.contain("default-src 'self'").and.contain("script-src 'self'").and.contain("style-src 'self'").and.contain("frame-ancestors 'none'");
      expect(result.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(result.headers.get('referrer-policy')).to.equal('no-referrer');
      expect(result.headers.get('strict-transport-security')).to.match(/max-age=\d+/);
    });

    it('keeps the OpenAPI UI usable', async () => {
      const page = await api.client.get('/docs');
      expect(page.status).to.equal(200);
      expect(page.text).to.contain('swagger-ui');
    });
  });
});

describe('readiness when the read models lag', () => {
  it('answers 503 problem+json NOT_READY with what lags, while liveness stays 200', async () => {
    const api = await ApiHarness.start({ env: { HOURBANK_WORKER: 'off', HOURBANK_READINESS_MAX_LAG_EVENTS: '1' } });
    try {
      const manager = await api.as('manager');
      for (const name of ['A', 'B']) await manager.post('/accounts', { clientName: name, plan: 'START', firstPeriod: '2030-01', overageRateCentsPerHour: 1 });
      const ready = await api.client.get('/health/ready');
      expect(ready.status).to.equal(503);
      expect(ready.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(ready.body.code).to.equal('NOT_READY');
      expect(ready.body.details.error.projections.maxLagEvents).to.be.at.least(2);
      expect((await api.client.get('/health/live')).status).to.equal(200);
    } finally {
      await api.close();
    }
  });
});

describe('request logs (pino-http)', () => {
  it('logs each request once with its correlation id, method, url, status and time, without its credentials', async () => {
    const lines: Array<Record<string, any>> = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(...chunk.toString().trim().split('\n').map((l: string) => JSON.parse(l))), done()) });
    const dataDir = mkdtempSync(join(tmpdir(), 'hourbank-logs-'));
    const config = loadConfig({ HOURBANK_DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const app = await createApp(config, { logger: pino({ level: 'info' }, sink) });
    try {
      await app.listen(0, '127.0.0.1');
      const client = new HttpClient((await app.getUrl()).replace('[::1]', '127.0.0.1'));
      await client.get('/no/such/route', { headers: { 'x-correlation-id': 'trace-77' } });
      const logged = lines.filter((line) => line.correlationId === 'trace-77');
      const request = logged.filter((line) => line.msg === 'request completed');
      expect(request).to.have.length(1);
      expect(request[0]).to.deep.include({ correlationId: 'trace-77' });
      expect(request[0]!.req).to.include({ method: 'GET', url: '/no/such/route' });
      expect(request[0]!.res).to.include({ statusCode: 404 });
      expect(request[0]!.responseTime).to.be.a('number');
      expect(request[0]!.req.headers?.authorization).to.equal(undefined);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
