import { Temporal } from 'temporal-polyfill';
import { assertPeriodInRange } from '#calendar';
import { DomainError } from '#kernel';
import type { AccountEvent } from './account-events.js';
import type { AccountState } from './account-state.js';
import type { AmendContract, AssignAccountManager, RemoveAccountManager, SetSupportChannels } from './contract-commands.js';
import { extrasFrom, periodAt, startOf, termsFor } from './contract-terms.js';
import type { ContractTerms } from './contract-events.js';
import { evolveAccount } from './account-evolve.js';
import { afterDueFacts, notCancelled, opened, requiredText } from './guards.js';
import { assertPeriod, assertTimeZone } from './time.js';

const requireExtra = (account: Parameters<typeof extrasFrom>[0], now: Temporal.Instant, extra: string, code: string): void => {
  if (!extrasFrom(account, periodAt(account, now)).includes(extra as never)) {
    throw new DomainError(code, `The contract does not include ${extra}`, { extra });
  }
};

/** The plan's account manager: a staff user (agent or manager) who is active, on a plan that includes one. */
export const assignAccountManager = ({ data, now, calendar }: AssignAccountManager, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state);
  requireExtra(account, now, 'account-manager', 'PLAN_HAS_NO_ACCOUNT_MANAGER');
  const { userId, name, role, active } = data.manager;
  if (!active || (role !== 'agent' && role !== 'manager')) {
    throw new DomainError('ACCOUNT_MANAGER_MUST_BE_ACTIVE_STAFF', 'The account manager is an agent or manager who is not deactivated', { userId, role, active });
  }
  if (account.accountManager?.userId === userId) return [];
  const previous = account.accountManager?.userId;
  return afterDueFacts(account, now, calendar, () => [
    { type: 'AccountManagerAssigned', data: { userId, name, ...(previous && { previousUserId: previous }), assignedAt: now.toString() } },
  ]);
};

export const removeAccountManager = ({ now, calendar }: RemoveAccountManager, state: AccountState): AccountEvent[] => {
  const account = opened(state);
  const manager = account.accountManager;
  if (!manager) return [];
  return afterDueFacts(account, now, calendar, () => [{ type: 'AccountManagerRemoved', data: { userId: manager.userId, removedAt: now.toString() } }]);
};

const channel = (value: string | undefined): string | undefined => {
  const text = value?.trim();
  return text ? text : undefined;
};

/** The WhatsApp groups the plan offers: a channel the contract does not include is refused. */
export const setSupportChannels = ({ data, now, calendar }: SetSupportChannels, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state);
  const whatsappGroup = channel(data.whatsappGroup);
  const emergencyWhatsappGroup = channel(data.emergencyWhatsappGroup);
  if (whatsappGroup) requireExtra(account, now, 'whatsapp-group', 'PLAN_HAS_NO_WHATSAPP_GROUP');
  if (emergencyWhatsappGroup) requireExtra(account, now, 'emergency-whatsapp-group', 'PLAN_HAS_NO_EMERGENCY_WHATSAPP_GROUP');
  const current = account.channels ?? {};
  if (current.whatsappGroup === whatsappGroup && current.emergencyWhatsappGroup === emergencyWhatsappGroup) return [];
  const set = { ...(whatsappGroup && { whatsappGroup }), ...(emergencyWhatsappGroup && { emergencyWhatsappGroup }), setAt: now.toString() };
  return afterDueFacts(account, now, calendar, () => [{ type: 'SupportChannelsSet', data: set }]);
};

const amendedTerms = (data: AmendContract['data'], now: Temporal.Instant): Partial<ContractTerms> => {
  const rate = data.overageRateCentsPerHour;
  if (rate !== undefined && (!Number.isSafeInteger(rate) || rate <= 0)) {
    throw new DomainError('OVERAGE_RATE_MUST_BE_POSITIVE_WHOLE_CENTS', 'The overage rate is whole cents an hour above zero');
  }
  return {
    ...(data.clientName !== undefined && { clientName: requiredText(data.clientName, 'CLIENT_NAME_IS_REQUIRED', 'The client name') }),
    ...(rate !== undefined && { overageRateCentsPerHour: rate }),
    ...(data.calendarId !== undefined && { calendarId: requiredText(data.calendarId, 'CALENDAR_IS_REQUIRED', 'The business calendar') }),
    ...(data.timeZone !== undefined && { timeZone: assertTimeZone(data.timeZone, now) }),
  };
};

/**
 * New contract terms from a period that has not started (under the new terms too: a zone moved east must not make
 * it have started already); the past never changes. Terms equal to those already in force then change nothing.
 */
export const amendContract = ({ data, now, calendar }: AmendContract, state: AccountState): AccountEvent[] => {
  const account = notCancelled(state);
  const reason = requiredText(data.reason, 'AMENDMENT_REQUIRES_A_REASON', 'A reason for the amendment');
  const effectiveFrom = assertPeriodInRange(assertPeriod(data.effectiveFrom), 'effectiveFrom');
  const current = periodAt(account, now);
  const notStarted = (book: typeof account) => effectiveFrom > current && Temporal.Instant.compare(startOf(book, effectiveFrom), now) > 0;
  const refuse = () => new DomainError('AMENDMENT_MUST_START_IN_A_FUTURE_PERIOD', 'An amendment applies from a period that has not started', {
    effectiveFrom, currentPeriod: current,
  });
  if (!notStarted(account)) throw refuse();
  const change = amendedTerms(data, now);
  const before = termsFor(account, effectiveFrom);
  const differs = Object.entries(change).filter(([field, value]) => before[field as keyof ContractTerms] !== value);
  if (differs.length === 0) return [];
  const event: AccountEvent = { type: 'ContractAmended', data: { ...Object.fromEntries(differs), effectiveFrom, reason, amendedAt: now.toString() } };
  if (!notStarted(evolveAccount(account, event) as typeof account)) throw refuse();
  return afterDueFacts(account, now, calendar, () => [event]);
};
