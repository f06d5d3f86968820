import { expect } from 'chai';
import type { RecordedEvent } from '#kernel';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { DownstreamModule } from '../../apps/api/src/feed/downstream.module.js';
import { FeedReader } from '../../apps/api/src/feed/feed-reader.js';
import { ApiHarness } from './support/harness.js';
import { asyncApi3Schema, localRefs, resolvePointer } from './feed-support/asyncapi-3.schema.js';
import { runDownstreamScenario } from './feed-support/scenario.js';
import { createAjv, publishedValidators } from './feed-support/validators.js';

describe('published contracts: every event a scenario stores has a public JSON Schema it satisfies', () => {
  let api: ApiHarness;
  let recorded: RecordedEvent[];
  before(async () => {
    api = await ApiHarness.start({ testClock: true, imports: [DownstreamModule] });
    await runDownstreamScenario(api);
    recorded = [];
    for await (const event of api.app.get<EventStore>(EVENT_STORE).readAll()) recorded.push(event);
  });
  after(() => api?.close());

  it('stores events of at least twenty published types in the scenario', () => {
    expect(new Set(recorded.map((e) => e.type)).size).to.be.greaterThanOrEqual(20);
  });

  it('has a schema for every stored type', () => {
    const validators = publishedValidators();
    const missing = [...new Set(recorded.map((e) => e.type))].filter((type) => !validators.has(type));
    expect(missing, 'stored types without a published schema').to.deep.equal([]);
  });

  it('validates the public projection of every stored event against its schema', async () => {
    const validators = publishedValidators();
    const reader = new FeedReader(api.app.get<EventStore>(EVENT_STORE));
    const failures: string[] = [];
    for (const event of recorded) {
      const published = await reader.publish(event, { sub: 'auditor-1', role: 'auditor', accounts: [] });
      const validate = validators.get(event.type)!;
      if (!validate(published)) failures.push(`${event.type} @${event.position}: ${JSON.stringify(validate.errors)}`);
    }
    expect(failures).to.deep.equal([]);
  });

  it('gives every ticket event the account of its ticket, and keeps internal fields out', async () => {
    const reader = new FeedReader(api.app.get<EventStore>(EVENT_STORE));
    const estimated = recorded.find((e) => e.type === 'hourbank.ticket.estimated.v1')!;
    const delivered = recorded.find((e) => e.type === 'hourbank.ticket.delivered.v1')!;
    const staff = { sub: 'agent-1', role: 'agent' as const, accounts: [] };
    expect((await reader.publish(estimated, staff))!.data).to.not.have.property('availableMinutes');
    expect((await reader.publish(delivered, staff))!.data.accountId).to.equal((estimated.data as { accountId: string }).accountId);
    expect((await reader.publish(delivered, staff))!.metadata).to.not.have.property('commandId');
  });
});

describe('GET /asyncapi.json', () => {
  let api: ApiHarness;
  let document: any;
  before(async () => {
    api = await ApiHarness.start({ imports: [DownstreamModule] });
    const result = await api.client.get('/asyncapi.json');
    expect(result.status).to.equal(200);
    document = result.body;
  });
  after(() => api?.close());

  it('is public and validates against the AsyncAPI 3.0 structure', () => {
    const validate = createAjv().compile(asyncApi3Schema);
    expect(validate(document), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('resolves every $ref inside the document', () => {
    const dangling = localRefs(document).filter((pointer) => resolvePointer(document, pointer) === undefined);
    expect(dangling).to.deep.equal([]);
  });

  it('publishes one message per stored type, each payload a compilable 2020-12 schema naming that type', () => {
    const messages = Object.entries(document.components.messages) as [string, any][];
    expect(messages.map(([name]) => name)).to.include.members(['hourbank.ticket.opened.v1', 'hourbank.ticket.sla-breached.v1', 'hourbank.account.overage-invoiced.v1']);
    const ajv = createAjv();
    for (const [name, message] of messages) {
      expect(message.payload.schema.properties.type.const).to.equal(name);
      expect(() => ajv.compile(message.payload.schema), name).to.not.throw();
    }
  });
});
