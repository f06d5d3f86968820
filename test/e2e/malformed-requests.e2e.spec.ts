import { expect } from 'chai';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { ApiHarness } from './support/harness.js';
import { castOf, created, numbered, openTicket, settle, type Cast } from './support/hour-bank-fixtures.js';
import type { HttpResult } from './support/http-client.js';
import { documentedOperations } from './support/openapi-routes.js';
import { rawRequest } from './support/raw-http.js';

const expectProblem = (result: HttpResult, status: number, code: string) => {
  expect(result.status, result.text).to.equal(status);
  expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(result.body).to.include({ status, code });
};

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

describe('malformed requests', () => {
  let api: ApiHarness;
  let cast: Cast;
  let ticket: string;
  let head: () => Promise<number | undefined>;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    ticket = await openTicket(cast.clientA, cast.accountA);
    await settle(cast.manager);
    const store = api.app.get<EventStore>(EVENT_STORE);
    head = async () => (await store.status()).headPosition;
  });
  after(() => api?.close());

  describe('JSON nested 5,000 levels deep', () => {
    it('is refused with 400 BODY_TOO_DEEP on every body route of the OpenAPI document, writing nothing', async () => {
      const document = (await api.client.get('/docs/openapi.json')).body;
      // JSON body routes (an attachment upload takes the file's bytes, bounded by size: see ticket-service.e2e.spec).
      const bodyRoutes = documentedOperations(document).filter((op) => document.paths[op.path][op.method].requestBody?.content['application/json']);
      expect(bodyRoutes.length).to.be.greaterThan(20);
      const before = await head();
      for (const route of bodyRoutes) {
        const path = route.path.replace('{id}', route.path.startsWith('/tickets') ? ticket : cast.accountA).replace(/\{\w+\}/g, 'x');
        for (const rawBody of [deep(5000), deepObject(5000)]) {
          const result = await cast.manager.request(route.method.toUpperCase(), path, { rawBody });
          expect(result.status, `${route.key}: ${result.text}`).to.be.oneOf([400, 403]);
          if (result.status === 400) expectProblem(result, 400, 'BODY_TOO_DEEP');
        }
      }
      expect(await head()).to.equal(before);
    });

    it('is refused past the configured depth, and accepted up to it', async () => {
      const justDeep = { clientName: 'Acme', plan: 'START', firstPeriod: '2030-07', overageRateCentsPerHour: 1, extra: JSON.parse(deep(30)) };
      expectProblem(await cast.manager.post('/accounts', justDeep), 400, 'VALIDATION_FAILED');
      expectProblem(await cast.manager.request('POST', '/accounts', { rawBody: `{"extra":${deep(32)}}` }), 400, 'BODY_TOO_DEEP');
    });

    it('counts brackets inside strings as text', async () => {
      const title = '['.repeat(150);
      const result = await cast.clientA.post('/tickets', { accountId: cast.accountA, title, description: '{'.repeat(500), category: 'support' });
      expect(result.status, result.text).to.equal(201);
      await numbered(cast.agent, result.body.id);
    });
  });

  describe('reserved keys that class-transformer would drop silently', () => {
    const account = { clientName: 'Acme', plan: 'START', firstPeriod: '2030-07', overageRateCentsPerHour: 1 };
    for (const key of ['__proto__', 'constructor', 'prototype', 'valueOf', 'toString', 'hasOwnProperty']) {
      it(`refuses "${key}" at the top with 400, writing nothing`, async () => {
        const before = await head();
        const result = await cast.manager.request('POST', '/accounts', { rawBody: JSON.stringify(account).replace('{', `{"${key}":{"role":"manager"},`) });
        expectProblem(result, 400, 'VALIDATION_FAILED');
        expect(result.body.errors).to.deep.equal([{ field: key, messages: [`property ${key} should not exist`] }]);
        expect(await head()).to.equal(before);
      });
    }

    it('refuses one nested in an object', async () => {
      const rawBody = JSON.stringify({ accountId: cast.accountA, title: 't', description: 'd', category: 'support', participants: [{ name: 'x' }] })
        .replace('{"name"', '{"__proto__":{"x":1},"name"');
      const result = await cast.clientA.request('POST', '/tickets', { rawBody });
      expectProblem(result, 400, 'VALIDATION_FAILED');
      expect(result.body.errors[0].field).to.equal('participants.0.__proto__');
    });
  });

  it('refuses a top-level array with 400', async () => {
    expectProblem(await cast.manager.request('POST', '/accounts', { rawBody: '[{"clientName":"Acme"}]' }), 400, 'BODY_MUST_BE_AN_OBJECT');
  });

  it('refuses a body that is not JSON with 415, before any handler runs', async () => {
    const before = await head();
    const result = await cast.clientA.request('POST', `/tickets/${ticket}/cancellation`, { rawBody: 'reason=mudou', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectProblem(result, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await head()).to.equal(before);
  });

  it('refuses a charset other than UTF-8 with 415', async () => {
    const result = await cast.manager.request('POST', '/accounts', { rawBody: '{}', headers: { 'content-type': 'application/json; charset=utf-16' } });
    expectProblem(result, 415, 'UNSUPPORTED_CHARSET');
  });

  describe('what the HTTP parser refuses before Express sees it, answered as problem+json', () => {
    const parsed = (body: string) => JSON.parse(body) as { status: number; code: string };
    const cases: Array<[string, string, number, string]> = [
      ['headers over the limit', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE'],
      ['an unknown method', 'FOO /health HTTP/1.1\r\nHost: x\r\n\r\n', 501, 'METHOD_NOT_IMPLEMENTED'],
      ['a header line without a colon', 'GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 400, 'MALFORMED_REQUEST'],
      ['an unknown HTTP version', 'GET /health HTTP/9.1\r\nHost: x\r\n\r\n', 400, 'MALFORMED_REQUEST'],
      ['an Expect other than 100-continue', 'GET /health HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\n\r\n', 417, 'EXPECTATION_FAILED'],
    ];
    for (const [what, request, status, code] of cases) {
      it(`${what}: ${status} ${code}`, async () => {
        const response = await rawRequest(api.url, request);
        expect(response.status).to.equal(status);
        expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
        expect(parsed(response.body)).to.include({ status, code });
      });
    }
  });

  it('keeps the ticket as it was', async () => {
    expect(created(await cast.agent.get(`/tickets/${ticket}`)).status).to.equal('open');
  });
});
