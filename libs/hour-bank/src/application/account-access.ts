import { DomainError } from '#kernel';
import { type Principal, canSeeAccount } from '#platform';
import type { AccountState, OpenedAccount } from '../domain/account/account-state.js';

/**
 * The account as the caller may see it: missing and foreign accounts are the same 404, so a client
 * learns nothing about other tenants. System callers (reactors, scheduler) see every account.
 */
export function visibleAccount(state: AccountState, accountId: string, caller?: Principal): OpenedAccount {
  if (state.status === 'unopened' || (caller && !canSeeAccount(caller, accountId))) {
    throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
  }
  return state;
}

/** For commands that act on an existing account: refuses a foreign one before the decider sees it. */
export function assertAccountVisible(state: AccountState, accountId: string, caller?: Principal): AccountState {
  visibleAccount(state, accountId, caller);
  return state;
}
