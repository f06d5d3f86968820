import { expect } from 'chai';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { ApiHarness } from './support/harness.js';
import type { HttpClient } from './support/http-client.js';
import { CookieSession } from './support/cookie-session.js';
import { documentedOperations, requiresToken } from './support/openapi-routes.js';

type Schema = {
  type?: string; $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[]; oneOf?: Schema[];
  required?: string[]; nullable?: boolean; enum?: unknown[]; additionalProperties?: boolean | Schema;
};
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

/** A 2xx JSON answer (after its $ref) that is an object without properties says nothing of what the route answers. */
function bareObjectAnswers(document: Document): string[] {
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  const bare = (schema: Schema | undefined): boolean => {
    const resolved = resolve(schema);
    if (!resolved) return false;
    if (resolved.type === 'array') return bare(resolved.items);
    const composed = [...(resolved.allOf ?? []), ...(resolved.oneOf ?? [])];
    if (composed.length > 0) return composed.every(bare);
    return (resolved.type === 'object' || resolved.type === undefined) && Object.keys(resolved.properties ?? {}).length === 0;
  };
  return Object.entries(document.paths).flatMap(([path, operations]) => Object.entries(operations).flatMap(([method, operation]) =>
    Object.entries(operation.responses).filter(([status]) => /^2/.test(status)).flatMap(([status, response]) =>
      Object.entries(response.content ?? {}).filter(([type, media]) => /json/.test(type) && bare(media.schema)).map(([type]) => `${method} ${path} ${status} ${type}`))));
}

/** Where `value` differs from `schema`: a missing required or undocumented property, a wrong type, a non-integer integer. */
function mismatches(document: Document, schema: Schema | undefined, value: unknown, where = '$'): string[] {
  const resolved = schema?.$ref ? document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  if (!resolved) return [`${where}: no schema`];
  if (resolved.allOf) return resolved.allOf.flatMap((part) => mismatches(document, part, value, where));
  if (value === null) return resolved.nullable ? [] : [`${where}: null but not nullable`];
  if (resolved.enum && !resolved.enum.includes(value)) return [`${where}: ${JSON.stringify(value)} not in ${JSON.stringify(resolved.enum)}`];
  switch (resolved.type) {
    case 'integer': return Number.isInteger(value) ? [] : [`${where}: ${JSON.stringify(value)} is not an integer`];
    case 'number': case 'string': case 'boolean': return typeof value === resolved.type ? [] : [`${where}: ${JSON.stringify(value)} is not a ${resolved.type}`];
    case 'array': return Array.isArray(value) ? value.flatMap((item, i) => mismatches(document, resolved.items, item, `${where}[${i}]`)) : [`${where}: not an array`];
    default: {
      if (typeof value !== 'object' || Array.isArray(value)) return [`${where}: not an object`];
      const record = value as Record<string, unknown>;
      const documented = resolved.properties ?? {};
      return [
        ...(resolved.required ?? []).filter((name) => !(name in record)).map((name) => `${where}.${name}: required, missing`),
        ...Object.entries(record).flatMap(([name, item]) => documented[name] ? mismatches(document, documented[name], item, `${where}.${name}`)
          : resolved.additionalProperties ? [] : [`${where}.${name}: answered, not documented`]),
      ];
    }
  }
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

  it('gives no operation a bare JSON object (no properties) as its 2xx answer', () => {
    expect(bareObjectAnswers(document)).to.deep.equal([]);
  });

  it('describes what the identity routes and the queue really answer, field by field', async () => {
    const answers: Array<[string, string, string, { status: number; body: unknown }]> = [];
    const call = async (client: Pick<HttpClient, 'request'>, method: string, path: string, template: string, body?: unknown) => {
      const result = await client.request(method, path, body === undefined ? {} : { body });
      expect(result.status, `${method} ${path}: ${result.text}`).to.be.within(200, 299);
      answers.push([method.toLowerCase(), template, String(result.status), result]);
      return result.body;
    };
    const manager = await api.as('manager', { sub: 'openapi-manager' });
    const client = api.client;
    await call(client, 'GET', '/auth/first-manager', '/auth/first-manager');
    await call(manager, 'GET', '/auth/session', '/auth/session');
    const invited = await call(manager, 'POST', '/users', '/users', { email: 'ana@agencia.test', name: 'Ana Agente', role: 'agent' });
    const token = String(invited.link).slice(String(invited.link).indexOf('#') + 1);
    await call(client, 'POST', '/auth/invitations/inspect', '/auth/invitations/inspect', { token });
    await call(client, 'POST', '/auth/invitations/accept', '/auth/invitations/accept', { token, password: 'senha-forte-123' });
    const browser = new CookieSession(client);
    await call(browser, 'POST', '/auth/sign-in', '/auth/sign-in', { email: 'ana@agencia.test', password: 'senha-forte-123' });
    await call(browser, 'GET', '/auth/session', '/auth/session');
    await call(browser, 'POST', '/auth/password', '/auth/password', { currentPassword: 'senha-forte-123', newPassword: 'outra-senha-456' });
    await call(browser, 'POST', '/auth/sign-in', '/auth/sign-in', { email: 'ana@agencia.test', password: 'outra-senha-456' });
    await call(browser, 'POST', '/auth/sign-out', '/auth/sign-out');
    await call(client, 'POST', '/auth/password-resets', '/auth/password-resets', { email: 'ana@agencia.test' });
    const pending = await call(manager, 'POST', '/users', '/users', { email: 'rui@agencia.test', name: 'Rui Pendente', role: 'auditor' });
    await call(manager, 'POST', `/users/${pending.id}/invitation`, '/users/{id}/invitation');
    await call(manager, 'GET', `/users/${pending.id}`, '/users/{id}');
    await call(manager, 'GET', `/users/${invited.id}`, '/users/{id}');
    await call(manager, 'PUT', `/users/${invited.id}/role`, '/users/{id}/role', { role: 'auditor' });
    await call(manager, 'POST', `/users/${invited.id}/deactivation`, '/users/{id}/deactivation', { reason: 'left' });
    await call(manager, 'POST', `/users/${invited.id}/reactivation`, '/users/{id}/reactivation');
    const key = await call(manager, 'POST', '/api-keys', '/api-keys', { name: 'ERP', role: 'auditor' });
    await call(manager, 'GET', '/api-keys', '/api-keys');
    await call(manager, 'POST', `/api-keys/${key.id}/revocation`, '/api-keys/{id}/revocation', { reason: 'rotated' });
    await call(manager, 'GET', '/users', '/users');
    await call(manager, 'GET', '/people', '/people');
    await call(manager, 'GET', '/queue', '/queue');
    const wrong = answers.flatMap(([method, template, status, result]) => {
      const schema = document.paths[template]?.[method]?.responses[status]?.content?.['application/json']?.schema;
      return mismatches(document, schema, result.body).map((problem) => `${method} ${template} ${status} ${problem}`);
    });
    expect(wrong).to.deep.equal([]);
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
