/**
 * The structure of an AsyncAPI 3.0 document, written from the 3.0.0 specification for an offline check
 * (no meta-schema is fetched): root fields, info, servers, channels, operations, messages, $ref shape.
 */
const ref = { type: 'object', required: ['$ref'], properties: { $ref: { type: 'string', pattern: '^#/' } }, additionalProperties: false };
const key = '^[A-Za-z0-9.\\-_]+$';
const refOr = (schema: object) => ({ oneOf: [ref, schema] });
const multiFormatSchema = {
  type: 'object',
  required: ['schemaFormat', 'schema'],
  properties: { schemaFormat: { type: 'string', minLength: 1 }, schema: { type: 'object' } },
  additionalProperties: false,
};
const message = {
  type: 'object',
  properties: {
    name: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, description: { type: 'string' },
    contentType: { type: 'string' }, payload: { oneOf: [ref, multiFormatSchema, { type: 'object', not: { required: ['schemaFormat'] } }] },
    headers: { type: 'object' }, correlationId: { type: 'object' }, tags: { type: 'array' }, examples: { type: 'array' },
  },
  additionalProperties: false,
};
const server = {
  type: 'object',
  required: ['host', 'protocol'],
  properties: {
    host: { type: 'string' }, protocol: { type: 'string' }, protocolVersion: { type: 'string' }, pathname: { type: 'string' },
    description: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, security: { type: 'array', items: ref },
  },
  additionalProperties: false,
};
const channel = {
  type: 'object',
  properties: {
    address: { type: ['string', 'null'] }, title: { type: 'string' }, summary: { type: 'string' }, description: { type: 'string' },
    servers: { type: 'array', items: ref }, messages: { type: 'object', propertyNames: { pattern: key }, additionalProperties: refOr(message) },
  },
  additionalProperties: false,
};
const operation = {
  type: 'object',
  required: ['action', 'channel'],
  properties: {
    action: { enum: ['send', 'receive'] }, channel: ref, title: { type: 'string' }, summary: { type: 'string' },
    description: { type: 'string' }, messages: { type: 'array', items: ref }, security: { type: 'array', items: ref },
  },
  additionalProperties: false,
};
const securityScheme = {
  type: 'object',
  required: ['type'],
  properties: { type: { enum: ['userPassword', 'apiKey', 'X509', 'symmetricEncryption', 'asymmetricEncryption', 'httpApiKey', 'http', 'oauth2', 'openIdConnect', 'plain', 'scramSha256', 'scramSha512', 'gssapi'] }, scheme: { type: 'string' }, bearerFormat: { type: 'string' }, description: { type: 'string' } },
};
const mapOf = (schema: object) => ({ type: 'object', propertyNames: { pattern: key }, additionalProperties: refOr(schema) });

export const asyncApi3Schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['asyncapi', 'info'],
  properties: {
    asyncapi: { const: '3.0.0' },
    id: { type: 'string', format: 'uri' },
    info: {
      type: 'object',
      required: ['title', 'version'],
      properties: { title: { type: 'string' }, version: { type: 'string' }, description: { type: 'string' }, contact: { type: 'object' }, license: { type: 'object' } },
      additionalProperties: false,
    },
    defaultContentType: { type: 'string' },
    servers: mapOf(server),
    channels: mapOf(channel),
    operations: mapOf(operation),
    components: {
      type: 'object',
      properties: { schemas: { type: 'object' }, messages: mapOf(message), securitySchemes: mapOf(securityScheme), servers: mapOf(server), channels: mapOf(channel), operations: mapOf(operation) },
      additionalProperties: false,
    },
  },
  patternProperties: { '^x-': {} },
  additionalProperties: false,
};

/** Every local `$ref` in the document, for the check that each one points at something. */
export function localRefs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((item) => localRefs(item, found));
  else if (node && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) {
      if (name === '$ref' && typeof value === 'string') found.push(value);
      else localRefs(value, found);
    }
  }
  return found;
}

export function resolvePointer(document: unknown, pointer: string): unknown {
  return pointer.slice(2).split('/').reduce<unknown>((node, part) => {
    const name = part.replaceAll('~1', '/').replaceAll('~0', '~');
    return node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
  }, document);
}
