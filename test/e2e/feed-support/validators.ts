import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { loadPublishedSchemas } from '#contracts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** A strict 2020-12 validator with formats (date-time, date, uri), as a downstream service would use. */
export function createAjv(): Ajv2020 {
  return addFormats(new Ajv2020({ strict: true, allErrors: true }));
}

/** One compiled validator per published stored type. */
export function publishedValidators() {
  const ajv = createAjv();
  return new Map(Object.entries(loadPublishedSchemas()).map(([type, schema]) => [type, ajv.compile(schema)]));
}
