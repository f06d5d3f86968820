import fc from 'fast-check';

export interface JsonSchema {
  readonly type?: string;
  readonly $ref?: string;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly maxItems?: number;
  readonly example?: unknown;
}

/** What the fuzz sends: a JSON body, or raw bytes with a content type. Every one breaks at least one rule. */
export interface MalformedRequest {
  readonly kind: string;
  readonly raw: string;
  readonly contentType: string;
}

type Resolve = (schema: JsonSchema) => JsonSchema;

/** A value of the declared type, near valid: the base every mutation then breaks. */
const plausible = (schema: JsonSchema, resolve: Resolve): fc.Arbitrary<unknown> => {
  const s = resolve(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer': return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1000, (s.minimum ?? 0) + 1000) });
    case 'number': return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean': return fc.boolean();
    case 'array': return fc.array(plausible(s.items ?? { type: 'string' }, resolve), { maxLength: 2 });
    case 'object': return objectOf(s, resolve);
    default: return typeof s.example === 'string' ? fc.constantFrom(s.example, 'x') : fc.string({ maxLength: 12 });
  }
};

const objectOf = (schema: JsonSchema, resolve: Resolve): fc.Arbitrary<Record<string, unknown>> => {
  const entries = Object.entries(schema.properties ?? {});
  const required = new Set(schema.required ?? []);
  return fc.record(Object.fromEntries(entries.map(([name, property]) => [name, plausible(property, resolve)])), {
    requiredKeys: entries.map(([name]) => name).filter((name) => required.has(name)),
  }) as fc.Arbitrary<Record<string, unknown>>;
};

/** A value no validator of that type accepts (never null for an optional field: class-validator lets null through there). */
const wrongType = (schema: JsonSchema, resolve: Resolve): fc.Arbitrary<unknown> => {
  const s = resolve(schema);
  const byType: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([])),
    integer: fc.oneof(fc.string({ minLength: 1 }).map((t) => `${t}1`), fc.constant(1.5), fc.boolean(), fc.constant({})),
    number: fc.oneof(fc.string({ minLength: 1 }), fc.boolean(), fc.constant([])),
    boolean: fc.oneof(fc.constant('true'), fc.integer(), fc.constant({})),
    array: fc.oneof(fc.string(), fc.integer(), fc.constant({ 0: 'x' })),
    object: fc.oneof(fc.string(), fc.integer(), fc.constant([1])),
  };
  return s.enum ? fc.oneof(fc.integer(), fc.constant(`${String(s.enum[0])}-not-a-choice`)) : byType[s.type ?? 'object'] ?? byType.object!;
};

const outOfRange = (schema: JsonSchema, resolve: Resolve): fc.Arbitrary<unknown> | undefined => {
  const s = resolve(schema);
  if (s.type === 'integer' && s.maximum !== undefined) return fc.integer({ min: s.maximum + 1, max: s.maximum + 1_000_000 });
  if (s.type === 'integer' && s.minimum !== undefined) return fc.integer({ min: s.minimum - 1_000_000, max: s.minimum - 1 });
  if (s.type === 'string' && s.maxLength !== undefined) return fc.integer({ min: s.maxLength + 1, max: s.maxLength + 50 }).map((n) => 'é'.repeat(n));
  if (s.type === 'array' && s.maxItems !== undefined) return fc.constant(Array.from({ length: s.maxItems + 1 }, () => 'x'));
  return undefined;
};

const json = (kind: string, body: unknown): MalformedRequest => ({ kind, raw: JSON.stringify(body), contentType: 'application/json' });

/** Bodies that are not the JSON the route takes at all. */
const rawGarbage = (base: fc.Arbitrary<Record<string, unknown>>, limitBytes: number): fc.Arbitrary<MalformedRequest> =>
  fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }).filter((t) => { try { JSON.parse(t); return false; } catch { return true; } })
      .map((raw) => ({ kind: 'not-json', raw, contentType: 'application/json' })),
    base.map((b) => JSON.stringify(b)).chain((text) => fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => ({ kind: 'truncated', raw: text.slice(0, cut), contentType: 'application/json' }))),
    fc.integer({ min: 40, max: 5000 }).map((depth) => ({ kind: 'too-deep', raw: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, contentType: 'application/json' })),
    fc.oneof(fc.constant('[]'), fc.constant('"text"'), fc.constant('42'), fc.constant('null'), base.map((b) => JSON.stringify([b])))
      .map((raw) => ({ kind: 'not-an-object', raw, contentType: 'application/json' })),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'valueOf', 'toString').chain((key) => base.map((b) => ({ kind: 'reserved-key', raw: JSON.stringify(b).replace('{', `{"${key}":{"x":1},`), contentType: 'application/json' }))),
    fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=latin1')
      .chain((contentType) => base.map((b) => ({ kind: 'media-type', raw: JSON.stringify(b), contentType }))),
    base.map((b) => ({ kind: 'too-large', raw: JSON.stringify({ ...b, padding: 'x'.repeat(limitBytes) }), contentType: 'application/json' })),
  );

/** Malformed requests for one body schema: each takes a near-valid body and breaks one rule, or is not that JSON at all. */
export function malformedBodies(schema: JsonSchema, resolve: Resolve, limitBytes: number): fc.Arbitrary<MalformedRequest> {
  const s = resolve(schema);
  const base = objectOf(s, resolve);
  const names = Object.keys(s.properties ?? {});
  const required = s.required ?? [];
  const mutations: Array<fc.Arbitrary<MalformedRequest>> = [
    fc.tuple(base, fc.string({ minLength: 1, maxLength: 10 }).filter((k) => !names.includes(k) && !['__proto__', 'constructor', 'prototype'].includes(k)), fc.jsonValue())
      .map(([b, key, value]) => json('unknown-field', { ...b, [key]: value })),
    rawGarbage(base, limitBytes),
  ];
  if (names.length > 0) {
    mutations.push(fc.tuple(base, fc.constantFrom(...names)).chain(([b, name]) => wrongType(s.properties![name]!, resolve).map((value) => json('wrong-type', { ...b, [name]: value }))));
  }
  if (required.length > 0) {
    mutations.push(fc.tuple(base, fc.constantFrom(...required)).map(([b, name]) => {
      const { [name]: _dropped, ...rest } = b;
      return json('missing-required', rest);
    }));
    mutations.push(fc.tuple(base, fc.constantFrom(...required)).map(([b, name]) => json('null-required', { ...b, [name]: null })));
  }
  const ranged = names.flatMap((name) => {
    const arbitrary = outOfRange(s.properties![name]!, resolve);
    return arbitrary ? [fc.tuple(base, arbitrary).map(([b, value]) => json('out-of-range', { ...b, [name]: value }))] : [];
  });
  if (ranged.length > 0) mutations.push(fc.oneof(...ranged));
  return fc.oneof(...mutations);
}
