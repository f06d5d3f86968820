import { expect } from 'chai';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { ApiHarness } from './support/harness.js';
import { documentedOperations, requiresToken } from './support/openapi-routes.js';

type Schema = { type?: string; $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[] };
interface Document {
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components: { schemas: Record<string, Schema> };
}

/** Every property, anywhere in the document, as [where, name, schema]. */
function properties(document: Document): Array<[string, string, Schema]> {
  const found: Array<[string, string, Schema]> = [];
  const walk = (schema: Schema | undefined, where: string) => {
    if (!schema) return;
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      found.push([where, name, property]);
      walk(property, `${where}.${name}`);
    }
    walk(schema.items, `${where}[]`);
    for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? [])]) walk(part, where);
  };
  for (const [name, schema] of Object.entries(document.components.schemas)) walk(schema, name);
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) walk(media.schema, `${method} ${path} ${status} ${type}`);
      }
    }
  }
  return found;
}

const isIntegerLike = (schema: Schema) => schema.type === 'integer' || (schema.type === 'array' && schema.items?.type === 'integer');

describe('the OpenAPI document', function () {
  this.timeout(30_000);
  let api: ApiHarness;
  let document: Document;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    document = (await api.client.get('/docs/openapi.json')).body;
  });
  after(() => api?.close());

  it('passes the Redocly linter (recommended rules), warnings included', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: '/openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).to.deep.equal([]);
  });

  it('gives every operation a 2xx answer with its media types, each with a schema', () => {
    const missing = documentedOperations(document).flatMap((operation) => {
      const ok = Object.entries(operation.responses).filter(([status]) => /^2/.test(status));
      const described = ok.filter(([, response]) => Object.values(response.content ?? {}).length > 0 && Object.values(response.content ?? {}).every((media) => (media as { schema?: unknown }).schema));
      return described.length > 0 ? [] : [operation.key];
    });
    expect(missing).to.deep.equal([]);
  });

  it('lists what the report, the stream and the metrics are served as', () => {
    const mediaOf = (path: string) => Object.keys(document.paths[path]!.get!.responses['200']!.content ?? {}).sort();
    expect(mediaOf('/accounts/{id}/reports/{period}')).to.deep.equal(['application/json', 'application/pdf', 'text/csv', 'text/html']);
    expect(mediaOf('/feed/stream')).to.deep.equal(['text/event-stream']);
    expect(mediaOf('/metrics')).to.deep.equal(['text/plain']);
  });

  it('types every minute, cent, revision and position field as an integer', () => {
    const counted = properties(document).filter(([, name]) => /(minutes|cents|revision|position)$/i.test(name));
    expect(counted.length).to.be.greaterThan(25);
    expect(counted.filter(([, , schema]) => !isIntegerLike(schema) && !schema.$ref).map(([where, name]) => `${where}.${name}`)).to.deep.equal([]);
  });

  it('marks exactly the routes that need no token as unsecured', async () => {
    const wrong: string[] = [];
    for (const operation of documentedOperations(document)) {
      const declared = document.paths[operation.path]![operation.method]!.security;
      const unsecured = Array.isArray(declared) && declared.length === 0;
      if (unsecured === (await requiresToken(api.client, operation))) wrong.push(`${operation.key} documented ${unsecured ? 'public' : 'secured'}`);
    }
    expect(wrong).to.deep.equal([]);
  });
});
