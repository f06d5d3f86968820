import { DomainError } from '#kernel';

export type PlanCode = 'START' | 'BASIC' | 'ADVANCED' | 'CUSTOM';
export const planCodes: readonly PlanCode[] = ['START', 'BASIC', 'ADVANCED', 'CUSTOM'];

export type PlanExtra = 'whatsapp-group' | 'emergency-whatsapp-group' | 'account-manager';

/** What every plan includes, whatever its terms. */
export const lotValidityMonths = 12;
export const planIncludesMonthlyUsageReport = true;

/** The floor of the CUSTOM plan set by the business (DOMAIN.md); the catalog may raise it, never lower it. */
export const customPlanFloorMinutes = 1200;

/**
 * One plan as the catalog offers it. For CUSTOM, monthlyMinutes is the least a contract may have. `priceCents` is the
 * monthly price (whole cents, BRL); the first catalog has none ("sob consulta") until a manager sets it.
 */
export interface PlanDefinition {
  readonly code: PlanCode;
  readonly monthlyMinutes: number;
  readonly firstResponseBusinessMinutes: number;
  readonly extras: readonly PlanExtra[];
  readonly priceCents?: number;
}

/** A plan of the catalog with the revision it comes from and the period that revision applies from. */
export type CatalogPlan = PlanDefinition & { readonly version: number; readonly effectiveFrom: string };

/**
 * The terms an account was given: copied into the account, so later catalog revisions leave it untouched.
 * `extras` and `priceCents` are absent on terms given before the catalog carried them.
 */
export interface PlanTerms {
  readonly code: PlanCode;
  readonly monthlyMinutes: number;
  readonly firstResponseBusinessMinutes: number;
  readonly catalogVersion: number;
  readonly extras?: readonly PlanExtra[];
  readonly priceCents?: number;
}

/** The catalog as it applies to one period: `version` is the latest revision recorded, each plan names its own. */
export interface PlanCatalog {
  readonly version: number;
  readonly plans: Readonly<Record<PlanCode, CatalogPlan>>;
}

/** The first catalog version applies from the first accepted period. */
const FIRST = { version: 1, effectiveFrom: '2000-01' } as const;

export const initialPlanCatalog: PlanCatalog = {
  version: 1,
  plans: {
    START: { code: 'START', monthlyMinutes: 180, firstResponseBusinessMinutes: 240, extras: [], ...FIRST },
    BASIC: { code: 'BASIC', monthlyMinutes: 420, firstResponseBusinessMinutes: 180, extras: ['whatsapp-group', 'account-manager'], ...FIRST },
    ADVANCED: {
      code: 'ADVANCED', monthlyMinutes: 900, firstResponseBusinessMinutes: 120, extras: ['emergency-whatsapp-group', 'account-manager'], ...FIRST,
    },
    CUSTOM: {
      code: 'CUSTOM', monthlyMinutes: customPlanFloorMinutes, firstResponseBusinessMinutes: 120,
      extras: ['emergency-whatsapp-group', 'account-manager'], ...FIRST,
    },
  },
};

export const planExtras: readonly PlanExtra[] = ['whatsapp-group', 'emergency-whatsapp-group', 'account-manager'];

export const isWholeCents = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export const isPositiveWholeNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

export const isPlanCode = (value: unknown): value is PlanCode => planCodes.includes(value as PlanCode);

/** Terms given to an account must name a plan, have whole positive minutes and respect the CUSTOM floor. */
export const assertPlanTerms = (terms: PlanTerms): PlanTerms => {
  const valid =
    isPlanCode(terms?.code) &&
    isPositiveWholeNumber(terms.monthlyMinutes) &&
    isPositiveWholeNumber(terms.firstResponseBusinessMinutes) &&
    isPositiveWholeNumber(terms.catalogVersion) &&
    (terms.priceCents === undefined || isWholeCents(terms.priceCents)) &&
    (terms.extras === undefined || (Array.isArray(terms.extras) && terms.extras.every((extra) => planExtras.includes(extra))));
  if (!valid) throw new DomainError('PLAN_TERMS_ARE_INVALID', 'Plan terms need a plan code and whole positive numbers');
  if (terms.code === 'CUSTOM' && terms.monthlyMinutes < customPlanFloorMinutes) {
    throw new DomainError('CUSTOM_PLAN_MINIMUM_IS_AT_LEAST_1200_MINUTES', 'CUSTOM starts at 1200 minutes a month', {
      monthlyMinutes: terms.monthlyMinutes,
    });
  }
  const { code, monthlyMinutes, firstResponseBusinessMinutes, catalogVersion, extras, priceCents } = terms;
  return {
    code, monthlyMinutes, firstResponseBusinessMinutes, catalogVersion, ...(extras !== undefined && { extras: [...extras] }),
    ...(priceCents !== undefined && { priceCents }),
  };
};

const sameExtras = (a: readonly PlanExtra[] = [], b: readonly PlanExtra[] = []): boolean =>
  a.length === b.length && a.every((extra) => b.includes(extra));

export const samePlanTerms = (a: PlanTerms, b: PlanTerms): boolean =>
  a.code === b.code &&
  a.monthlyMinutes === b.monthlyMinutes &&
  a.firstResponseBusinessMinutes === b.firstResponseBusinessMinutes &&
  a.catalogVersion === b.catalogVersion &&
  a.priceCents === b.priceCents &&
  sameExtras(a.extras, b.extras);

/** What a plan entitles the account to beyond its minutes (the first catalog's extras for terms given before they were kept). */
export const extrasOf = (terms: PlanTerms): readonly PlanExtra[] => terms.extras ?? initialPlanCatalog.plans[terms.code].extras;
