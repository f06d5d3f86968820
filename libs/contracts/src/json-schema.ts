/** A JSON Schema (draft 2020-12) as plain data. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export const text = (description?: string): JsonSchema => ({ type: 'string', minLength: 1, ...(description && { description }) });
export const freeText = (description?: string): JsonSchema => ({ type: 'string', ...(description && { description }) });
export const instant = (description?: string): JsonSchema => ({ type: 'string', format: 'date-time', ...(description && { description }) });
export const plainDate: JsonSchema = { type: 'string', format: 'date' };
export const period: JsonSchema = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'A calendar month in the account time zone' };
export const minutes = (description = 'Whole minutes'): JsonSchema => ({ type: 'integer', minimum: 0, description });
export const signedMinutes = (description: string): JsonSchema => ({ type: 'integer', description });
export const cents = (description = 'Whole cents (BRL)'): JsonSchema => ({ type: 'integer', minimum: 0, description });
export const oneOfValues = (values: readonly string[], description?: string): JsonSchema => ({
  type: 'string', enum: [...values], ...(description && { description }),
});
export const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/** A closed object: every listed property required unless named in `optional`; nothing else allowed. */
export function object(properties: Record<string, JsonSchema>, optional: readonly string[] = []): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    additionalProperties: false,
  };
}
export const boolean: JsonSchema = { type: 'boolean' };
