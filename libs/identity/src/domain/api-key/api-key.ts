import type { Temporal } from 'temporal-polyfill';
import { assertNever, type Decider, type DomainEvent } from '#kernel';
import { fail, requireName } from '../errors.js';
import type { UserRole } from '../user/user-events.js';

/** A named, revocable bearer credential for a machine (the notifier, an integration). Only the secret's hash is kept. */
export type ApiKeyCreated = DomainEvent<'ApiKeyCreated', {
  keyId: string; name: string; role: UserRole; accounts: string[]; secretHash: string; createdAt: string;
}>;
export type ApiKeyRevoked = DomainEvent<'ApiKeyRevoked', { keyId: string; reason: string; revokedAt: string }>;
export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked;

export const apiKeyEventNames: Readonly<Record<ApiKeyEvent['type'], string>> = {
  ApiKeyCreated: 'hourbank.api-key.created.v1',
  ApiKeyRevoked: 'hourbank.api-key.revoked.v1',
};

export type ApiKeyState =
  | { readonly status: 'none' }
  | { readonly status: 'active' | 'revoked'; readonly keyId: string; readonly name: string; readonly role: UserRole;
      readonly accounts: readonly string[]; readonly secretHash: string };

export type ApiKeyCommand =
  | { readonly type: 'CreateApiKey'; readonly now: Temporal.Instant;
      readonly data: { keyId: string; name: string; role: UserRole; accounts: readonly string[]; secretHash: string } }
  | { readonly type: 'RevokeApiKey'; readonly now: Temporal.Instant; readonly data: { reason: string } };

const decide = (command: ApiKeyCommand, state: ApiKeyState): ApiKeyEvent[] => {
  switch (command.type) {
    case 'CreateApiKey': {
      if (state.status !== 'none') fail('API_KEY_ALREADY_EXISTS', 'This key already exists.');
      const { keyId, name, role, accounts, secretHash } = command.data;
      if (role === 'client' && accounts.length === 0) fail('CLIENT_KEY_NEEDS_AN_ACCOUNT', 'A client key must be bound to at least one account.');
      if (role !== 'client' && accounts.length > 0) fail('STAFF_HAVE_NO_ACCOUNT_GRANTS', 'Staff keys see every account through their role.');
      return [{ type: 'ApiKeyCreated', data: { keyId, name: requireName(name), role, accounts: [...accounts], secretHash, createdAt: command.now.toString() } }];
    }
    case 'RevokeApiKey':
      if (state.status === 'none') fail('API_KEY_NOT_FOUND', 'There is no such key.');
      if (state.status === 'revoked') return [];
      return [{ type: 'ApiKeyRevoked', data: { keyId: (state as { keyId: string }).keyId, reason: requireName(command.data.reason), revokedAt: command.now.toString() } }];
    default: return assertNever(command);
  }
};

const evolve = (state: ApiKeyState, event: ApiKeyEvent): ApiKeyState => {
  if (event.type === 'ApiKeyCreated') return { status: 'active', ...event.data };
  return state.status === 'none' ? state : { ...state, status: 'revoked' };
};

export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = { initialState: () => ({ status: 'none' }), decide, evolve };
export const apiKeyStream = (keyId: string): string => `apikey-${keyId}`;
