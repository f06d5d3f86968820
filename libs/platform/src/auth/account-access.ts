import { DomainError } from '#kernel';
import type { Principal } from './principal.js';

/** BOLA rule: a client asking for an account outside its token gets the same 404 as for a missing one. */
export function assertCanSeeAccount(principal: Principal, accountId: string): void {
  if (principal.role !== 'client' || principal.accounts.includes(accountId)) return;
  throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
}

export const canSeeAccount = (principal: Principal, accountId: string): boolean =>
  principal.role !== 'client' || principal.accounts.includes(accountId);
