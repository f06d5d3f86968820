import type { Temporal } from 'temporal-polyfill';
import { type Decider, DomainError, assertNever } from '#kernel';
import {
  type PlanCatalog,
  type PlanCode,
  type PlanDefinition,
  type PlanExtra,
  type PlanTerms,
  customPlanFloorMinutes,
  initialPlanCatalog,
  isPlanCode,
  isPositiveWholeNumber,
} from './plan-terms.js';

export const planCatalogStream = 'plan-catalog';

export type PlanCatalogCommand = {
  type: 'RevisePlan';
  data: PlanDefinition;
  now: Temporal.Instant;
};

export type PlanRevised = {
  type: 'PlanRevised';
  data: PlanDefinition & { catalogVersion: number; revisedAt: string };
};
export type PlanCatalogEvent = PlanRevised;

export const planCatalogEventNames: Record<PlanCatalogEvent['type'], string> = {
  PlanRevised: 'hourbank.plan-catalog.plan-revised.v1',
};

export type PlanCatalogState = PlanCatalog & { status: 'published' };

const knownExtras: readonly PlanExtra[] = ['whatsapp-group', 'emergency-whatsapp-group', 'account-manager'];

const validate = (plan: PlanDefinition): void => {
  if (!isPlanCode(plan.code)) throw new DomainError('PLAN_CODE_IS_UNKNOWN', `No plan ${String(plan.code)}`);
  if (!isPositiveWholeNumber(plan.monthlyMinutes) || !isPositiveWholeNumber(plan.firstResponseBusinessMinutes)) {
    throw new DomainError('PLAN_MINUTES_MUST_BE_POSITIVE_WHOLE_NUMBERS', 'Plan minutes must be whole and positive');
  }
  if (plan.code === 'CUSTOM' && plan.monthlyMinutes < customPlanFloorMinutes) {
    throw new DomainError('CUSTOM_PLAN_MINIMUM_IS_AT_LEAST_1200_MINUTES', 'CUSTOM starts at 1200 minutes a month', {
      monthlyMinutes: plan.monthlyMinutes,
    });
  }
  if (plan.extras.some((extra) => !knownExtras.includes(extra))) {
    throw new DomainError('PLAN_EXTRA_IS_UNKNOWN', 'Unknown plan extra', { extras: plan.extras });
  }
};

const sameTerms = (a: PlanDefinition, b: PlanDefinition): boolean =>
  a.monthlyMinutes === b.monthlyMinutes &&
  a.firstResponseBusinessMinutes === b.firstResponseBusinessMinutes &&
  a.extras.length === b.extras.length &&
  a.extras.every((extra) => b.extras.includes(extra));

const decide = (command: PlanCatalogCommand, state: PlanCatalogState): PlanCatalogEvent[] => {
  validate(command.data);
  const { code, monthlyMinutes, firstResponseBusinessMinutes, extras } = command.data;
  if (sameTerms(command.data, state.plans[code])) return [];
  const catalogVersion = state.version + 1;
  const data = { code, monthlyMinutes, firstResponseBusinessMinutes, extras: [...extras] };
  return [{ type: 'PlanRevised', data: { ...data, catalogVersion, revisedAt: command.now.toString() } }];
};

const evolve = (state: PlanCatalogState, event: PlanCatalogEvent): PlanCatalogState => {
  switch (event.type) {
    case 'PlanRevised': {
      const { catalogVersion, revisedAt: _revisedAt, ...plan } = event.data;
      return { ...state, version: catalogVersion, plans: { ...state.plans, [plan.code]: plan } };
    }
    default:
      return assertNever(event.type);
  }
};

export const planCatalogDecider: Decider<PlanCatalogCommand, PlanCatalogEvent, PlanCatalogState> = {
  initialState: () => ({ status: 'published', ...initialPlanCatalog }),
  decide,
  evolve,
};

/**
 * The terms an account gets from the catalog. CUSTOM needs the contracted minutes, at least the
 * catalog's minimum; the other plans take the catalog's minutes.
 */
export const planTermsFor = (catalog: PlanCatalog, code: PlanCode, contractedMinutes?: number): PlanTerms => {
  if (!isPlanCode(code)) throw new DomainError('PLAN_CODE_IS_UNKNOWN', `No plan ${String(code)}`);
  const plan = catalog.plans[code];
  const terms = { code, firstResponseBusinessMinutes: plan.firstResponseBusinessMinutes, catalogVersion: catalog.version };
  if (code !== 'CUSTOM') {
    if (contractedMinutes !== undefined && contractedMinutes !== plan.monthlyMinutes) {
      throw new DomainError('PLAN_MINUTES_ARE_SET_BY_THE_CATALOG', `${code} has ${plan.monthlyMinutes} minutes`);
    }
    return { ...terms, monthlyMinutes: plan.monthlyMinutes };
  }
  if (!isPositiveWholeNumber(contractedMinutes) || contractedMinutes < plan.monthlyMinutes) {
    throw new DomainError('CUSTOM_PLAN_BELOW_MINIMUM_MINUTES', `CUSTOM needs at least ${plan.monthlyMinutes} minutes`, {
      minimum: plan.monthlyMinutes,
      contractedMinutes,
    });
  }
  return { ...terms, monthlyMinutes: contractedMinutes };
};
