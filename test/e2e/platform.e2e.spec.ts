import { expect } from 'chai';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '#eventstore';
import { ApiHarness } from './support/harness.js';
import { badTokens } from './support/raw-tokens.js';
import type { HttpResult } from './support/http-client.js';

const expectProblem = (result: HttpResult, status: number, code: string) => {
  expect(result.status, result.text).to.equal(status);
  expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(result.body).to.include({ status, code });
  expect(result.body).to.have.property('correlationId').that.is.a('string');
};

describe('platform over HTTP', () => {
  let api: ApiHarness;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
  });
  after(() => api?.close());

  describe('GET /health without a token', () => {
    it('answers 200 with the store status (the embedded SQLite store unless HOURBANK_E2E_EVENTSTORE says otherwise)', async () => {
      const result = await api.client.get('/health');
      expect(result.status).to.equal(200);
      expect(result.body.status).to.equal('ok');
      expect(result.body.details.store).to.include({ status: 'up', backend: process.env.HOURBANK_E2E_EVENTSTORE ? 'eventstoredb' : 'sqlite' });
      expect(result.body.details.store.headPosition).to.be.a('number');
    });

    it('does not announce the framework', async () => {
      expect((await api.client.get('/health')).headers.get('x-powered-by')).to.equal(null);
    });
  });

  it('serves the OpenAPI document with bearer auth declared', async () => {
    const result = await api.client.get('/docs/openapi.json');
    expect(result.status).to.equal(200);
    expect(result.body.components.securitySchemes.bearer).to.include({ type: 'http', scheme: 'bearer' });
  });

  it('keeps the JWT secret private to its owner (mode 0600)', () => {
    expect(statSync(join(api.config.dataDir, 'jwt-secret')).mode & 0o777).to.equal(0o600);
  });

  describe('a private route refuses with 401 problem+json', () => {
    it('without a token', async () => expectProblem(await api.client.get('/admin/clock'), 401, 'UNAUTHENTICATED'));
    for (const kind of ['badSignature', 'wrongAudience', 'expired', 'algNone'] as const) {
      it(`with a token that has ${kind}`, async () => {
        const token = await badTokens(api.tokens)[kind]();
        expectProblem(await api.client.get('/admin/clock', { token }), 401, 'UNAUTHENTICATED');
      });
    }
  });

  it('refuses an auditor any change with 403', async () => {
    const auditor = await api.as('auditor');
    expectProblem(await auditor.post('/admin/clock', { now: '2100-01-01T00:00:00Z' }), 403, 'FORBIDDEN');
    expect((await auditor.get('/admin/clock')).status).to.equal(200);
  });

  it('refuses a role the route does not name with 403', async () => {
    const agent = await api.as('agent');
    expectProblem(await agent.post('/admin/clock', { now: '2100-01-01T00:00:00Z' }), 403, 'FORBIDDEN');
  });

  describe('the test clock', () => {
    it('moves forward for a manager and stays there', async () => {
      const manager = await api.as('manager');
      const moved = await manager.post('/admin/clock', { now: '2031-02-03T04:05:06Z' });
      expect(moved.status).to.equal(200);
      expect(moved.body.now).to.equal('2031-02-03T04:05:06Z');
      expect((await manager.get('/admin/clock')).body.now).to.equal('2031-02-03T04:05:06Z');
    });

    it('refuses to go backwards with 422 TEST_CLOCK_CANNOT_GO_BACKWARDS', async () => {
      const manager = await api.as('manager');
      await manager.post('/admin/clock', { now: '2032-01-01T00:00:00Z' });
      expectProblem(await manager.post('/admin/clock', { now: '2031-12-31T23:59:59Z' }), 422, 'TEST_CLOCK_CANNOT_GO_BACKWARDS');
    });

    it('refuses a local time without an offset with 400 and the field error', async () => {
      const result = await (await api.as('manager')).post('/admin/clock', { now: '2040-01-01T00:00:00' });
      expectProblem(result, 400, 'VALIDATION_FAILED');
      expect(result.body.errors).to.deep.equal([{ field: 'now', messages: ['now must be an ISO-8601 instant with Z or an offset, from 2000-01-01T00:00:00Z up to, not including, 2101-01-01T00:00:00Z'] }]);
    });

    it('refuses unknown fields with 400', async () => {
      const result = await (await api.as('manager')).post('/admin/clock', { now: '2040-01-01T00:00:00Z', extra: 1 });
      expectProblem(result, 400, 'VALIDATION_FAILED');
      expect(result.body.errors[0].field).to.equal('extra');
    });
  });

  describe('request bodies', () => {
    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      const result = await (await api.as('manager')).request('POST', '/admin/clock', { rawBody: '{"now": ' });
      expectProblem(result, 400, 'MALFORMED_JSON');
    });

    it('answers a body over the limit with 413', async () => {
      const rawBody = JSON.stringify({ now: 'x'.repeat(api.config.bodyLimitBytes) });
      expectProblem(await (await api.as('manager')).request('POST', '/admin/clock', { rawBody }), 413, 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('correlation ids', () => {
    it('echoes a valid X-Correlation-Id, also inside a problem', async () => {
      const result = await api.client.get('/admin/clock', { headers: { 'x-correlation-id': 'trace-42' } });
      expect(result.headers.get('x-correlation-id')).to.equal('trace-42');
      expect(result.body.correlationId).to.equal('trace-42');
    });

    it('issues one when none is sent', async () => {
      expect((await api.client.get('/health')).headers.get('x-correlation-id')).to.match(/^[0-9a-f-]{36}$/);
    });

    it('refuses one longer than 100 characters with 400', async () => {
      const result = await api.client.get('/health', { headers: { 'x-correlation-id': 'a'.repeat(101) } });
      expectProblem(result, 400, 'INVALID_CORRELATION_HEADER');
    });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    expectProblem(await (await api.as('manager')).get('/no/such/route'), 404, 'NOT_FOUND');
  });
});

describe('GET /health when the store is not ok', () => {
  const unhealthy = (store: EventStore): EventStore => ({
    append: store.append.bind(store),
    readStream: store.readStream.bind(store),
    readAll: store.readAll.bind(store),
    subscribeToAll: store.subscribeToAll.bind(store),
    isPosition: store.isPosition.bind(store),
    close: store.close.bind(store),
    status: async () => ({ backend: 'sqlite', ok: false, detail: 'database disk image is malformed' }),
  });

  it('answers 503 with the reason', async () => {
    const api = await ApiHarness.start({ openEventStore: async (config) => unhealthy(await createEventStore(config)) });
    try {
      const result = await api.client.get('/health');
      expect(result.status).to.equal(503);
      expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(result.body).to.include({ code: 'NOT_READY', detail: 'Failing: store' });
      expect(result.body.details.error.store).to.deep.equal({ status: 'down', backend: 'sqlite', detail: 'database disk image is malformed' });
    } finally {
      await api.close();
    }
  });
});

describe('the test clock across a restart', () => {
  it('keeps the simulated instant in the data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hourbank-e2e-restart-'));
    try {
      const first = await ApiHarness.start({ testClock: true, dataDir });
      await (await first.as('manager')).post('/admin/clock', { now: '2035-06-01T00:00:00Z' });
      await first.close();
      const second = await ApiHarness.start({ testClock: true, dataDir });
      const now = (await (await second.as('manager')).get('/admin/clock')).body.now;
      await second.close();
      expect(now).to.equal('2035-06-01T00:00:00Z');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('with the test clock off (the default)', () => {
  it('has no /admin/clock route (404)', async () => {
    const api = await ApiHarness.start();
    try {
      expectProblem(await (await api.as('manager')).get('/admin/clock'), 404, 'NOT_FOUND');
    } finally {
      await api.close();
    }
  });
});

describe('throttling, keyed on the token subject', () => {
  it('answers 429 to the subject over the limit while another subject still passes', async () => {
    const api = await ApiHarness.start({ testClock: true, env: { HOURBANK_THROTTLE_LIMIT: '3' } });
    try {
      const alice = await api.as('manager', { sub: 'alice' });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await alice.get('/admin/clock')).status);
      expect(statuses).to.deep.equal([200, 200, 200, 429]);
      expectProblem(await alice.get('/admin/clock'), 429, 'TOO_MANY_REQUESTS');
      expect((await (await api.as('manager', { sub: 'bob' })).get('/admin/clock')).status).to.equal(200);
    } finally {
      await api.close();
    }
  });
});
