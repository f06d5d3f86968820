import type { Temporal } from 'temporal-polyfill';
import { availableMinutes, balanceAsOf, lotsAsOf, shortfallOf } from '../domain/account/account-queries.js';
import { type Lot, type OpenedAccount, planInForce } from '../domain/account/account-state.js';
import type { AlertSettings } from '../domain/account/alert-events.js';
import { extrasFrom, firstResponseTargetFor, periodAt, termsFor } from '../domain/account/contract-terms.js';
import { alertSettingsOf } from '../domain/account/due-alerts.js';
import { occurrenceDueAt } from '../domain/account/due-maintenance.js';
import type { MaintenanceSchedule } from '../domain/account/maintenance-events.js';
import type { PlanExtra, PlanTerms } from '../domain/plans/plan-terms.js';

export interface AccountView {
  readonly accountId: string;
  readonly clientName: string;
  readonly status: 'open' | 'cancelled';
  /** This period's contract: a monthly plan, or a single package only (no monthly credit). */
  readonly kind: 'plan' | 'package';
  /** The plan in force this period (null: package-only). */
  readonly plan: PlanTerms | null;
  /** Plan changes agreed for later periods (null: package-only from then). */
  readonly scheduledPlans: readonly { readonly from: string; readonly plan: PlanTerms | null }[];
  /** The target of a ticket opened now, in business minutes. */
  readonly firstResponseBusinessMinutes: number;
  readonly extras: readonly PlanExtra[];
  readonly accountManager: { readonly userId: string; readonly name: string } | null;
  readonly channels: { readonly whatsappGroup?: string; readonly emergencyWhatsappGroup?: string };
  readonly timeZone: string;
  readonly calendarId: string;
  readonly overageRateCentsPerHour: number;
  /** Amendments for periods after this one, in period order (each lists only what it changes). */
  readonly scheduledAmendments: readonly Record<string, unknown>[];
  readonly alertSettings: AlertSettings;
  readonly maintenance: readonly (MaintenanceSchedule & { readonly next: string | null; readonly nextDueAt: string | null })[];
  readonly asOf: string;
  readonly period: string;
  readonly balanceMinutes: number;
  readonly reservedMinutes: number;
  readonly availableMinutes: number;
  readonly currentShortfallMinutes: number;
  readonly lots: readonly Omit<Lot, 'creditedAt'>[];
  readonly revision: number;
}

const maintenanceOf = (account: OpenedAccount): AccountView['maintenance'] =>
  Object.values(account.maintenance ?? {}).map(({ next, ...schedule }) => ({
    ...schedule, next: next ?? null, nextDueAt: next === undefined ? null : occurrenceDueAt(account, schedule, next).toString(),
  }));

/** The figures of an account as of an instant, from its state as of that instant. */
export const accountViewOf = (account: OpenedAccount, asOf: Temporal.Instant, revision: number): AccountView => {
  const period = periodAt(account, asOf);
  const balance = balanceAsOf(account, asOf);
  const available = availableMinutes(account, asOf);
  const terms = termsFor(account, period);
  const plan = planInForce(account, period);
  return {
    accountId: account.accountId,
    clientName: terms.clientName,
    status: account.status,
    kind: plan ? 'plan' : 'package',
    plan,
    scheduledPlans: account.plans.filter((entry) => entry.from > period),
    firstResponseBusinessMinutes: firstResponseTargetFor(account, period),
    extras: extrasFrom(account, period),
    accountManager: account.accountManager ?? null,
    channels: account.channels ?? {},
    timeZone: terms.timeZone,
    calendarId: terms.calendarId,
    overageRateCentsPerHour: terms.overageRateCentsPerHour,
    scheduledAmendments: (account.amendments ?? []).filter((entry) => entry.from > period),
    alertSettings: alertSettingsOf(account),
    maintenance: maintenanceOf(account),
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
