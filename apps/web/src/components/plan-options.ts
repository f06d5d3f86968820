import { usePlans } from '../api/hooks';
import { brl, hm } from '../format';
import { t } from '../strings';

export const PLAN_CODES = ['START', 'BASIC', 'ADVANCED', 'CUSTOM'] as const;

/** The plans as the catalog offers them for the contract's first period (just the codes while that period is not a valid one). */
export const usePlanOptions = (period: string): (readonly [string, string])[] => {
  const catalog = usePlans(/^\d{4}-\d{2}$/.test(period) ? period : '');
  const plans = new Map((catalog.data?.plans ?? []).map((plan) => [plan.code, plan]));
  return PLAN_CODES.map((code) => {
    const plan = plans.get(code);
    if (!plan) return [code, code] as const;
    const price = plan.priceCents === undefined ? '' : ` · ${brl(plan.priceCents)}`;
    return [code, `${code} (${hm(plan.monthlyMinutes)}${code === 'CUSTOM' ? ` ${t.accounts.orMore}` : ''}/mês${price})`] as const;
  });
};
