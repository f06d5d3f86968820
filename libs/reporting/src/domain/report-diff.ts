/** One changed leaf: `path` in dotted/indexed form (`tickets.items[0].minutes`); absent sides are undefined. */
export interface FieldChange {
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

const change = (path: string, before: unknown, after: unknown): FieldChange => ({
  path, ...(before !== undefined && { before }), ...(after !== undefined && { after }),
});

const diffInto = (changes: FieldChange[], path: string, before: unknown, after: unknown): void => {
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let i = 0; i < Math.max(before.length, after.length); i++) diffInto(changes, `${path}[${i}]`, before[i], after[i]);
  } else if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffInto(changes, join(path, key), before[key], after[key]);
  } else if (before !== after) {
    changes.push(change(path, before, after));
  }
};

/** Field-level differences between two JSON values, in a stable order; empty when they are equal. */
export const diffReports = (before: unknown, after: unknown): FieldChange[] => {
  const changes: FieldChange[] = [];
  diffInto(changes, '', before, after);
  return changes;
};

export { canonicalJson } from '#kernel';
