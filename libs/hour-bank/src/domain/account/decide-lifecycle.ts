import { DomainError } from '#kernel';
import { addPeriods, assertPeriodInRange } from '#calendar';
import { type PlanTerms, assertPlanTerms, isPositiveWholeNumber, samePlanTerms } from '../plans/plan-terms.js';
import type { CancelAccount, ChangePlan, OpenAccount } from './account-commands.js';
import type { AccountEvent, ContractKind } from './account-events.js';
import { type AccountState, planInForce } from './account-state.js';
import { periodAt } from './contract-terms.js';
import { afterDueFacts, notCancelled, opened, requiredText } from './guards.js';
import { assertPeriod, assertTimeZone } from './time.js';

/** A plan contract names its plan; a package-only one names none and may set its own first-response target. */
const contractOf = (data: OpenAccount['data']): { kind: ContractKind; plan?: PlanTerms; firstResponseBusinessMinutes?: number } => {
  const kind = data.kind ?? 'plan';
  if (kind === 'plan') {
    if (data.firstResponseBusinessMinutes !== undefined) {
      throw new DomainError('FIRST_RESPONSE_IS_SET_BY_THE_PLAN', 'A plan contract takes its first-response target from its plan');
    }
    return { kind, plan: assertPlanTerms(data.plan!) };
  }
  if (kind !== 'package') throw new DomainError('CONTRACT_KIND_IS_UNKNOWN', 'A contract is a plan or a single package', { kind });
  if (data.plan !== undefined) throw new DomainError('PACKAGE_CONTRACT_HAS_NO_PLAN', 'A package-only contract has no monthly plan');
  const target = data.firstResponseBusinessMinutes;
  if (target !== undefined && !isPositiveWholeNumber(target)) {
    throw new DomainError('FIRST_RESPONSE_TARGET_MUST_BE_POSITIVE', 'The first-response target is whole business minutes above zero', { target });
  }
  return { kind, ...(target !== undefined && { firstResponseBusinessMinutes: target }) };
};

export const openAccount = ({ data, now }: OpenAccount, state: AccountState): AccountEvent[] => {
  if (state.status !== 'unopened') throw new DomainError('ACCOUNT_ALREADY_OPENED', 'The account is already open');
  const rate = data.overageRateCentsPerHour;
  if (typeof rate !== 'number' || !Number.isSafeInteger(rate) || rate <= 0) {
    throw new DomainError('OVERAGE_RATE_MUST_BE_POSITIVE_WHOLE_CENTS', 'The overage rate is whole cents an hour above zero');
  }
  const opening = {
    accountId: requiredText(data.accountId, 'ACCOUNT_ID_IS_REQUIRED', 'The account id'),
    clientName: requiredText(data.clientName, 'CLIENT_NAME_IS_REQUIRED', 'The client name'),
    ...contractOf(data),
    firstPeriod: assertPeriodInRange(assertPeriod(data.firstPeriod), 'firstPeriod'),
    timeZone: assertTimeZone(data.timeZone, now),
    calendarId: requiredText(data.calendarId, 'CALENDAR_IS_REQUIRED', 'The business calendar'),
    overageRateCentsPerHour: rate,
  };
  return [{ type: 'AccountOpened', data: { ...opening, openedAt: now.toString() } }];
};

/**
 * A change applies from the next period (never before the first one); within one period the last change wins.
 * `null` makes the contract package-only from then; a plan given to a package-only contract starts its credits.
 */
export const changePlan = ({ data, now, calendar }: ChangePlan, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state);
  const plan = data.plan === null ? null : assertPlanTerms(data.plan);
  const nextPeriod = addPeriods(periodAt(account, now), 1);
  const effectiveFrom = nextPeriod < account.firstPeriod ? account.firstPeriod : nextPeriod;
  const changedAt = now.toString();
  return afterDueFacts(account, now, calendar, (current) => {
    const due = planInForce(current, effectiveFrom);
    if (plan === null) return due === null ? [] : [{ type: 'PlanDiscontinued', data: { effectiveFrom, changedAt } }];
    return due !== null && samePlanTerms(due, plan) ? [] : [{ type: 'PlanChanged', data: { plan, effectiveFrom, changedAt } }];
  });
};

export const cancelAccount = ({ data, now, calendar }: CancelAccount, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const reason = requiredText(data.reason, 'CANCELLATION_REQUIRES_A_REASON', 'A cancellation reason');
  if (account.status === 'cancelled') return [];
  return afterDueFacts(account, now, calendar, () => [{ type: 'AccountCancelled', data: { reason, cancelledAt: now.toString() } }]);
};
