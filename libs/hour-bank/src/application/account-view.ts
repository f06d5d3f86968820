import type { Temporal } from 'temporal-polyfill';
import { periodOf } from '#calendar';
import { availableMinutes, balanceAsOf, lotsAsOf, shortfallOf } from '../domain/account/account-queries.js';
import { type Lot, type OpenedAccount, planInForce } from '../domain/account/account-state.js';
import type { PlanTerms } from '../domain/plans/plan-terms.js';

export interface AccountView {
  readonly accountId: string;
  readonly clientName: string;
  readonly status: 'open' | 'cancelled';
  readonly plan: PlanTerms;
  readonly timeZone: string;
  readonly calendarId: string;
  readonly overageRateCentsPerHour: number;
  readonly asOf: string;
  readonly period: string;
  readonly balanceMinutes: number;
  readonly reservedMinutes: number;
  readonly availableMinutes: number;
  readonly currentShortfallMinutes: number;
  readonly lots: readonly Omit<Lot, 'creditedAt'>[];
  readonly revision: number;
}

/** The figures of an account as of an instant, from its state as of that instant. */
export const accountViewOf = (account: OpenedAccount, asOf: Temporal.Instant, revision: number): AccountView => {
  const period = periodOf(asOf, account.timeZone);
  const balance = balanceAsOf(account, asOf);
  const available = availableMinutes(account, asOf);
  return {
    accountId: account.accountId,
    clientName: account.clientName,
    status: account.status,
    plan: planInForce(account, period),
    timeZone: account.timeZone,
    calendarId: account.calendarId,
    overageRateCentsPerHour: account.overageRateCentsPerHour,
    asOf: asOf.toString(),
    period,
    balanceMinutes: balance,
    reservedMinutes: balance - available,
    availableMinutes: available,
    currentShortfallMinutes: shortfallOf(account, period),
    lots: lotsAsOf(account, asOf).map(({ creditedAt: _internal, ...lot }) => lot),
    revision,
  };
};
