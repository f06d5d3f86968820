import { expect } from 'chai';
import fc from 'fast-check';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { ApiHarness } from './support/harness.js';
import { castOf, created, openTicket, settle, type Cast } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';
import { malformedBodies, type JsonSchema } from './support/malformed-bodies.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 100);

interface Operation {
  readonly requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

describe(`fuzz: malformed bodies on every body route of the OpenAPI document (seed ${SEED}, ${PER_ROUTE} a route)`, function () {
  this.timeout(180_000);
  let api: ApiHarness;
  let cast: Cast;
  const answers = new Map<string, number>();
  const failures: string[] = [];
  let sent = 0;
  let headBefore: number | undefined;
  let store: EventStore;

  before(async () => {
    // The sign-in routes' per-IP throttle would answer most of them 429 before validation: raised here.
    api = await ApiHarness.start({ testClock: true, env: { HOURBANK_SIGNIN_THROTTLE_PER_MINUTE: '100000' } });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 600 });
    const ticket = await openTicket(cast.clientA, cast.accountA);
    created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 60, expectedDeliveryAt: '2030-06-07T18:00:00Z' }));
    const entry = created(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 10, activity: 'test', performedOn: '2030-06-04' })).events[0].data.entryId;
    const user = created(await cast.manager.post('/users', { email: 'ana@agencia.example', name: 'Ana', role: 'agent' })).id as string;
    await settle(cast.manager);
    store = api.app.get<EventStore>(EVENT_STORE);
    headBefore = (await store.status()).headPosition;

    const document = (await api.client.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, JsonSchema> } };
    const resolve = (schema: JsonSchema): JsonSchema => (schema.$ref ? resolve(document.components.schemas[schema.$ref.split('/').at(-1)!]!) : schema);
    const fill = (path: string) => path
      .replace('{entryId}', entry)
      .replace(/^\/tickets\/\{id\}/, `/tickets/${ticket}`)
      .replace(/^\/accounts\/\{id\}/, `/accounts/${cast.accountA}`)
      .replace(/^\/calendars\/\{id\}/, '/calendars/br-national')
      .replace(/^\/users\/\{id\}/, `/users/${user}`)
      .replace('{name}', 'account-balance')
      .replace(/^\/plans\/\{code\}/, '/plans/BASIC')
      .replace('{questionId}', 'question-1');
    const callers: HttpClient[] = [cast.manager, cast.agent, cast.clientA];

    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (!schema) continue;
        const url = fill(path);
        let caller = callers[0]!;
        for (const candidate of callers) {
          if ((await candidate.request(method.toUpperCase(), url, { rawBody: '{"fuzzProbe":1}' })).status !== 403) {
            caller = candidate;
            break;
          }
        }
        const requests = fc.sample(malformedBodies(schema, resolve, api.config.bodyLimitBytes), { seed: SEED + sent, numRuns: PER_ROUTE });
        for (const request of requests) {
          const result = await caller.request(method.toUpperCase(), url, { rawBody: request.raw, headers: { 'content-type': request.contentType } });
          sent++;
          answers.set(String(result.status), (answers.get(String(result.status)) ?? 0) + 1);
          const isProblem = /^application\/problem\+json/.test(result.headers.get('content-type') ?? '');
          if (process.env.FUZZ_SHOW === String(result.status)) console.log(`${method} ${path} [${request.kind}] ${request.raw.slice(0, 200)} → ${result.text.slice(0, 300)}`);
          // 400, 413, 415: refused as input. Anything else means the body got past validation (a 422 from a rule
          // included: the next valid body there would be written) or broke the server.
          if (![400, 413, 415].includes(result.status) || !isProblem) {
            failures.push(`${method.toUpperCase()} ${path} [${request.kind}] ${request.raw.slice(0, 160)} → ${result.status} ${result.text.slice(0, 200)}`);
          }
        }
      }
    }
    console.log(`      sent ${sent}; answers ${JSON.stringify(Object.fromEntries([...answers].sort()))}`);
  });
  after(() => api?.close());

  it('sends at least 2,000 malformed requests', () => expect(sent).to.be.at.least(2000));

  it('refuses every one as input (400, 413 or 415 Problem Details): no 5xx, none past validation', () => expect(failures.slice(0, 20)).to.deep.equal([]));

  it('writes no event', async () => expect((await store.status()).headPosition).to.equal(headBefore));
});
