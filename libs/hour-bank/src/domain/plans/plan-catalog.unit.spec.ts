import { Temporal } from 'temporal-polyfill';
import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import { type PlanCatalogCommand, planCatalogDecider, planTermsFor } from './plan-catalog.js';
import type { PlanDefinition } from './plan-terms.js';

const spec = DeciderSpecification.for(planCatalogDecider);
const now = '2026-03-01T12:00:00Z';
const revise = (plan: PlanDefinition): PlanCatalogCommand => ({ type: 'RevisePlan', data: plan, now: Temporal.Instant.from(now) });
const basic600: PlanDefinition = { code: 'BASIC', monthlyMinutes: 600, firstResponseBusinessMinutes: 180, extras: ['whatsapp-group', 'account-manager'] };
const revised = { type: 'PlanRevised', data: { ...basic600, catalogVersion: 2, revisedAt: now } } as const;

describe('plan catalog', () => {
  const initial = planCatalogDecider.initialState();

  it('starts with the four plans of the business', () =>
    expect(Object.values(initial.plans).map((p) => [p.code, p.monthlyMinutes, p.firstResponseBusinessMinutes])).to.deep.equal([
      ['START', 180, 240],
      ['BASIC', 420, 180],
      ['ADVANCED', 900, 120],
      ['CUSTOM', 1200, 120],
    ]));

  it("revises a plan's terms as a new catalog version", () => spec([]).when(revise(basic600)).then([revised]));

  it('does nothing when the terms are unchanged', () => spec([revised]).when(revise(basic600)).thenNothingHappens());

  it('keeps the CUSTOM minimum at 1200 minutes or more', () =>
    spec([]).when(revise({ ...initial.plans.CUSTOM, monthlyMinutes: 1000 })).thenThrows('CUSTOM_PLAN_MINIMUM_IS_AT_LEAST_1200_MINUTES'));

  it('needs whole positive minutes', () =>
    spec([]).when(revise({ ...basic600, firstResponseBusinessMinutes: 0 })).thenThrows('PLAN_MINUTES_MUST_BE_POSITIVE_WHOLE_NUMBERS'));

  it('gives accounts the terms of the current version', () => {
    const catalog = fold(planCatalogDecider, [revised]);
    expect(planTermsFor(catalog, 'BASIC')).to.deep.equal({
      code: 'BASIC', monthlyMinutes: 600, firstResponseBusinessMinutes: 180, catalogVersion: 2,
    });
  });

  it('gives CUSTOM the contracted minutes, not fewer than the minimum', () => {
    expect(planTermsFor(initial, 'CUSTOM', 1500).monthlyMinutes).to.equal(1500);
    expect(() => planTermsFor(initial, 'CUSTOM', 1199)).to.throw().with.property('code', 'CUSTOM_PLAN_BELOW_MINIMUM_MINUTES');
  });
});
