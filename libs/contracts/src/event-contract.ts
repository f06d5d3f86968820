import type { JsonSchema } from './json-schema.js';

/** What the public mapping knows beyond the payload: the account the event belongs to, when it has one. */
export interface PublicContext {
  readonly accountId?: string;
}

type Payload = Readonly<Record<string, any>>;

/**
 * The published contract of one stored event type. `audience` says who may read it on the feed:
 * `account` events go to staff and to the clients of their account, `staff` events to staff only.
 */
export interface EventContract {
  readonly type: string;
  readonly title: string;
  readonly summary: string;
  readonly audience: 'account' | 'staff';
  readonly data: JsonSchema;
  readonly toPublic: (data: Payload, context: PublicContext) => Record<string, unknown>;
}

/** Copies the named fields that are present, in order: the public projection never passes unknown fields on. */
export const pick = (data: Payload, ...fields: string[]): Record<string, unknown> => {
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (data[field] !== undefined) picked[field] = data[field];
  return picked;
};

export const withAccount = (context: PublicContext, data: Payload): string => {
  const accountId = context.accountId ?? data.accountId;
  if (typeof accountId !== 'string') throw new Error('An account event needs its account id');
  return accountId;
};
