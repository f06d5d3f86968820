import { Temporal } from 'temporal-polyfill';
import { addPeriods, assertPeriodInRange, periodOf } from '#calendar';
import { type Decider, DomainError, assertNever } from '#kernel';
import {
  type CatalogPlan,
  type PlanCatalog,
  type PlanCode,
  type PlanDefinition,
  type PlanTerms,
  customPlanFloorMinutes,
  initialPlanCatalog,
  isPlanCode,
  isPositiveWholeNumber,
  isWholeCents,
  planExtras,
} from './plan-terms.js';
import { assertPeriod } from '../account/time.js';

export const planCatalogStream = 'plan-catalog';

/** The zone the catalog's periods are counted in (the agency's own). */
export const CATALOG_TIME_ZONE = 'America/Sao_Paulo';

/**
 * A manager revises one plan from a period on (absent: the current one). A price left out keeps the plan's price.
 * Accounts keep the terms they were given; a revision applies to accounts opened, or changing plan, for periods
 * from `effectiveFrom` on.
 */
export type PlanCatalogCommand = {
  type: 'RevisePlan';
  data: PlanDefinition & { effectiveFrom?: string };
  now: Temporal.Instant;
};

/** `effectiveFrom` is absent on revisions recorded before revisions had one: they applied from the revision's period. */
export type PlanRevised = {
  type: 'PlanRevised';
  data: PlanDefinition & { catalogVersion: number; revisedAt: string; effectiveFrom?: string };
};
export type PlanCatalogEvent = PlanRevised;

export const planCatalogEventNames: Record<PlanCatalogEvent['type'], string> = {
  PlanRevised: 'hourbank.plan-catalog.plan-revised.v1',
};

/** Every revision of the catalog, in the order recorded; `version` is the last one. */
export type PlanCatalogState = { status: 'published'; version: number; revisions: readonly CatalogPlan[] };

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
  if (!Array.isArray(plan.extras) || plan.extras.some((extra) => !planExtras.includes(extra))) {
    throw new DomainError('PLAN_EXTRA_IS_UNKNOWN', 'Unknown plan extra', { extras: plan.extras });
  }
  if (plan.priceCents !== undefined && !isWholeCents(plan.priceCents)) {
    throw new DomainError('PLAN_PRICE_MUST_BE_WHOLE_CENTS', 'A plan price is whole cents, zero or more', { priceCents: plan.priceCents });
  }
};

const sameTerms = (a: PlanDefinition, b: PlanDefinition): boolean =>
  a.monthlyMinutes === b.monthlyMinutes &&
  a.firstResponseBusinessMinutes === b.firstResponseBusinessMinutes &&
  a.priceCents === b.priceCents &&
  a.extras.length === b.extras.length &&
  a.extras.every((extra) => b.extras.includes(extra));

/**
 * The catalog as it applies to `period`: for each plan, the latest revision (by period, then version) from a period
 * at or before it.
 */
export const catalogFor = (state: PlanCatalogState, period: string): PlanCatalog => {
  const plans = { ...initialPlanCatalog.plans } as Record<PlanCode, CatalogPlan>;
  for (const revision of state.revisions) {
    const current = plans[revision.code];
    const later = revision.effectiveFrom > current.effectiveFrom || (revision.effectiveFrom === current.effectiveFrom && revision.version > current.version);
    if (revision.effectiveFrom <= period && later) plans[revision.code] = revision;
  }
  return { version: state.version, plans };
};

/** Revisions recorded for periods after `period`: what the catalog will change to. */
export const scheduledRevisions = (state: PlanCatalogState, period: string): readonly CatalogPlan[] =>
  state.revisions.filter((revision) => revision.effectiveFrom > period);

const currentPeriod = (now: Temporal.Instant) => periodOf(now, CATALOG_TIME_ZONE);

const decide = (command: PlanCatalogCommand, state: PlanCatalogState): PlanCatalogEvent[] => {
  validate(command.data);
  const { code, monthlyMinutes, firstResponseBusinessMinutes, extras } = command.data;
  const now = currentPeriod(command.now);
  const effectiveFrom = assertPeriodInRange(assertPeriod(command.data.effectiveFrom ?? now), 'effectiveFrom');
  if (effectiveFrom < now) {
    throw new DomainError('PLAN_REVISION_MAY_NOT_APPLY_TO_A_PAST_PERIOD', 'A revision applies from the current period or a later one', {
      effectiveFrom, currentPeriod: now,
    });
  }
  const before = catalogFor(state, effectiveFrom).plans[code];
  const priceCents = command.data.priceCents ?? before.priceCents;
  const plan = { code, monthlyMinutes, firstResponseBusinessMinutes, extras: [...extras], ...(priceCents !== undefined && { priceCents }) };
  if (sameTerms(plan, before)) return [];
  return [{ type: 'PlanRevised', data: { ...plan, catalogVersion: state.version + 1, revisedAt: command.now.toString(), effectiveFrom } }];
};

const evolve = (state: PlanCatalogState, event: PlanCatalogEvent): PlanCatalogState => {
  switch (event.type) {
    case 'PlanRevised': {
      const { catalogVersion, revisedAt, effectiveFrom, ...plan } = event.data;
      const from = effectiveFrom ?? currentPeriod(Temporal.Instant.from(revisedAt));
      return { ...state, version: catalogVersion, revisions: [...state.revisions, { ...plan, version: catalogVersion, effectiveFrom: from }] };
    }
    default:
      return assertNever(event.type);
  }
};

export const planCatalogDecider: Decider<PlanCatalogCommand, PlanCatalogEvent, PlanCatalogState> = {
  initialState: () => ({ status: 'published', version: initialPlanCatalog.version, revisions: [] }),
  decide,
  evolve,
};

/** The period a catalog revision made now would apply from at the earliest, and the one after. */
export const nextCatalogPeriod = (now: Temporal.Instant): string => addPeriods(currentPeriod(now), 1);

/**
 * The terms an account gets from the catalog. CUSTOM needs the contracted minutes, at least the catalog's minimum,
 * and may carry its contracted price; the other plans take the catalog's minutes and price.
 */
export const planTermsFor = (catalog: PlanCatalog, code: PlanCode, contractedMinutes?: number, contractedPriceCents?: number): PlanTerms => {
  if (!isPlanCode(code)) throw new DomainError('PLAN_CODE_IS_UNKNOWN', `No plan ${String(code)}`);
  const plan = catalog.plans[code];
  const priceCents = code === 'CUSTOM' ? contractedPriceCents ?? plan.priceCents : plan.priceCents;
  const terms = {
    code, firstResponseBusinessMinutes: plan.firstResponseBusinessMinutes, catalogVersion: plan.version, extras: [...plan.extras],
    ...(priceCents !== undefined && { priceCents }),
  };
  if (code !== 'CUSTOM') {
    if (contractedMinutes !== undefined && contractedMinutes !== plan.monthlyMinutes) {
      throw new DomainError('PLAN_MINUTES_ARE_SET_BY_THE_CATALOG', `${code} has ${plan.monthlyMinutes} minutes`);
    }
    if (contractedPriceCents !== undefined) throw new DomainError('PLAN_PRICE_IS_SET_BY_THE_CATALOG', `${code} is priced by the catalog`);
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

export interface ContractRequest {
  readonly kind?: 'plan' | 'package';
  readonly plan?: PlanCode;
  readonly contractedMinutes?: number;
  readonly contractedPriceCents?: number;
  readonly firstResponseBusinessMinutes?: number;
}

/**
 * What a contract is opened with from the catalog of its first period: a plan's terms, or for a package-only contract
 * its first-response target (the catalog's START target unless given). The account decider checks the combination.
 */
export const contractFromCatalog = (catalog: PlanCatalog, request: ContractRequest) => {
  const { kind = 'plan', plan, contractedMinutes, contractedPriceCents, firstResponseBusinessMinutes } = request;
  const terms = plan === undefined ? undefined : planTermsFor(catalog, plan, contractedMinutes, contractedPriceCents);
  if (kind === 'plan' && terms === undefined) throw new DomainError('PLAN_CODE_IS_UNKNOWN', 'A plan contract names its plan');
  const target = kind === 'package' ? firstResponseBusinessMinutes ?? catalog.plans.START.firstResponseBusinessMinutes : firstResponseBusinessMinutes;
  return { kind, ...(terms && { plan: terms }), ...(target !== undefined && { firstResponseBusinessMinutes: target }) };
};
