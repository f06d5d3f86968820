import { DomainError } from '#kernel';
import { ProblemError } from '../errors/problem.js';
import type { Principal } from './principal.js';

/** BOLA rule: a client asking for an account outside its token gets the same 404 as for a missing one. */
export function assertCanSeeAccount(principal: Principal, accountId: string): void {
  if (principal.role !== 'client' || principal.accounts.includes(accountId)) return;
  throw new DomainError('ACCOUNT_NOT_FOUND', `Account ${accountId} was not found`, { accountId });
}

export const canSeeAccount = (principal: Principal, accountId: string): boolean =>
  principal.role !== 'client' || principal.accounts.includes(accountId);

/** Approving or rejecting an estimate: staff roles are checked by the route; a client user must be an approver of the account. */
export function assertMayApprove(principal: Principal, accountId: string): void {
  if (principal.role !== 'client' || (principal.approves ?? principal.accounts).includes(accountId)) return;
  throw new ProblemError(403, 'NOT_AN_APPROVER', 'Not allowed', 'This user may not approve or reject estimates on this account');
}
