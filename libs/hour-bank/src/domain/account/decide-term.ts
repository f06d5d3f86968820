import type { Temporal } from 'temporal-polyfill';
import { addPeriods, assertPeriodInRange } from '#calendar';
import { DomainError } from '#kernel';
import type { AccountEvent } from './account-events.js';
import type { AccountState, OpenAccountState } from './account-state.js';
import type { RenewContract, ScheduleContractEnd, WithdrawContractEnd } from './contract-commands.js';
import { periodAt } from './contract-terms.js';
import { afterDueFacts, notCancelled, requiredText } from './guards.js';
import { assertPeriod } from './time.js';

/** A last period whose end can still be stored (the period after it within the accepted range). */
export const lastPeriodOf = (value: unknown): string => {
  const lastPeriod = assertPeriodInRange(assertPeriod(value as string), 'lastPeriod');
  assertPeriodInRange(addPeriods(lastPeriod, 1), 'lastPeriod');
  return lastPeriod;
};

/** The contract can end only at the end of a period of the contract that has not ended: this one or a later one. */
export const requireEndToCome = (account: OpenAccountState, lastPeriod: string, now: Temporal.Instant): void => {
  const currentPeriod = periodAt(account, now);
  if (lastPeriod < currentPeriod || lastPeriod < account.firstPeriod) {
    throw new DomainError('CONTRACT_END_MUST_BE_THE_END_OF_A_PERIOD_TO_COME', 'A contract ends at the end of the current period or of a later one', {
      lastPeriod, currentPeriod, firstPeriod: account.firstPeriod,
    });
  }
};

/**
 * A fixed term or a termination notice (manager): the contract runs until the end of `lastPeriod`, the current
 * period or a later one. Given again, it replaces the end scheduled (earlier or later); the same end changes nothing.
 */
export const scheduleContractEnd = ({ data, now, calendar }: ScheduleContractEnd, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state, now);
  const reason = requiredText(data.reason, 'CONTRACT_END_REQUIRES_A_REASON', 'A reason for the end of the contract');
  const lastPeriod = lastPeriodOf(data.lastPeriod);
  requireEndToCome(account, lastPeriod, now);
  const previous = account.end?.lastPeriod;
  if (previous === lastPeriod) return [];
  return afterDueFacts(account, now, calendar, () => [
    { type: 'ContractEndScheduled', data: { lastPeriod, reason, ...(previous && { previousLastPeriod: previous }), scheduledAt: now.toString() } },
  ]);
};

/** The scheduled end is called off before it came; a contract with no end has nothing to withdraw (nothing happens). */
export const withdrawContractEnd = ({ now, calendar }: WithdrawContractEnd, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state, now);
  const end = account.end;
  if (!end) return [];
  return afterDueFacts(account, now, calendar, () => [{ type: 'ContractEndWithdrawn', data: { lastPeriod: end.lastPeriod, withdrawnAt: now.toString() } }]);
};

/**
 * A contract with an end, renewed before it ends, runs on until the end of a later period (its credits go on). The
 * same last period again changes nothing; an earlier one is refused (that is a new end, scheduled as such).
 */
export const renewContract = ({ data, now, calendar }: RenewContract, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state, now);
  const lastPeriod = lastPeriodOf(data.lastPeriod);
  const end = account.end;
  if (!end) throw new DomainError('CONTRACT_HAS_NO_END_TO_RENEW', 'The contract runs on with no end: there is nothing to renew');
  if (lastPeriod === end.lastPeriod) return [];
  if (lastPeriod < end.lastPeriod) {
    throw new DomainError('RENEWAL_MUST_EXTEND_THE_CONTRACT', 'A renewal runs the contract until a period after its current last one', {
      lastPeriod, currentLastPeriod: end.lastPeriod,
    });
  }
  return afterDueFacts(account, now, calendar, () => [
    { type: 'ContractRenewed', data: { previousLastPeriod: end.lastPeriod, lastPeriod, renewedAt: now.toString() } },
  ]);
};
