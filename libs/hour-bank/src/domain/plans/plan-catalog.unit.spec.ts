import { Temporal } from 'temporal-polyfill';
import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import { type PlanCatalogCommand, type PlanRevised, catalogFor, contractFromCatalog, planCatalogDecider, planTermsFor, scheduledRevisions } from './plan-catalog.js';
import type { PlanDefinition } from './plan-terms.js';

const spec = DeciderSpecification.for(planCatalogDecider);
const now = '2026-03-01T12:00:00Z';
const revise = (plan: PlanDefinition & { effectiveFrom?: string }, at = now): PlanCatalogCommand => ({ type: 'RevisePlan', data: plan, now: Temporal.Instant.from(at) });
const basic600: PlanDefinition = { code: 'BASIC', monthlyMinutes: 600, firstResponseBusinessMinutes: 180, extras: ['whatsapp-group', 'account-manager'] };
const revised: PlanRevised = { type: 'PlanRevised', data: { ...basic600, catalogVersion: 2, revisedAt: now, effectiveFrom: '2026-03' } };

describe('plan catalog', () => {
  const initial = planCatalogDecider.initialState();
  const catalogNow = catalogFor(initial, '2026-03');

  it('starts with the four plans of the business, with no price yet', () =>
    expect(Object.values(catalogNow.plans).map((p) => [p.code, p.monthlyMinutes, p.firstResponseBusinessMinutes, p.priceCents])).to.deep.equal([
      ['START', 180, 240, undefined],
      ['BASIC', 420, 180, undefined],
      ['ADVANCED', 900, 120, undefined],
      ['CUSTOM', 1200, 120, undefined],
    ]));

  it("revises a plan's terms as a new catalog version, from the current period", () => spec([]).when(revise(basic600)).then([revised]));

  it('does nothing when the terms are unchanged', () => spec([revised]).when(revise(basic600)).thenNothingHappens());

  it('keeps the CUSTOM minimum at 1200 minutes or more', () =>
    spec([]).when(revise({ ...catalogNow.plans.CUSTOM, monthlyMinutes: 1000 })).thenThrows('CUSTOM_PLAN_MINIMUM_IS_AT_LEAST_1200_MINUTES'));

  it('needs whole positive minutes', () =>
    spec([]).when(revise({ ...basic600, firstResponseBusinessMinutes: 0 })).thenThrows('PLAN_MINUTES_MUST_BE_POSITIVE_WHOLE_NUMBERS'));

  it('needs a price in whole cents', () => spec([]).when(revise({ ...basic600, priceCents: 99.5 })).thenThrows('PLAN_PRICE_MUST_BE_WHOLE_CENTS'));

  it('refuses a revision for a period that has passed', () =>
    spec([]).when(revise({ ...basic600, effectiveFrom: '2026-02' })).thenThrows('PLAN_REVISION_MAY_NOT_APPLY_TO_A_PAST_PERIOD'));

  describe('a revision from a later period (START priced R$ 450,00 from 2026-06)', () => {
    const start = { ...catalogNow.plans.START, priceCents: 45_000, effectiveFrom: '2026-06' };
    const events = (() => {
      const [event] = planCatalogDecider.decide(revise(start), initial);
      return [event!];
    })();
    const state = fold(planCatalogDecider, events);

    it('leaves the catalog of earlier periods as it was', () => expect(catalogFor(state, '2026-05').plans.START.priceCents).to.equal(undefined));

    it('applies from its period on, and is listed as scheduled until then', () => {
      expect(catalogFor(state, '2026-06').plans.START).to.include({ priceCents: 45_000, version: 2, effectiveFrom: '2026-06' });
      expect(scheduledRevisions(state, '2026-03').map((r) => [r.code, r.effectiveFrom])).to.deep.equal([['START', '2026-06']]);
      expect(scheduledRevisions(state, '2026-06')).to.deep.equal([]);
    });

    it('keeps the price when a later revision leaves it out', () => {
      const next = planCatalogDecider.decide(revise({ ...start, priceCents: undefined, monthlyMinutes: 200, effectiveFrom: '2026-07' } as PlanDefinition), state);
      expect(next[0]!.data).to.include({ monthlyMinutes: 200, priceCents: 45_000, effectiveFrom: '2026-07' });
    });
  });

  it('gives accounts the terms of the version in force, with its extras and price', () => {
    const catalog = catalogFor(fold(planCatalogDecider, [revised]), '2026-03');
    expect(planTermsFor(catalog, 'BASIC')).to.deep.equal({
      code: 'BASIC', monthlyMinutes: 600, firstResponseBusinessMinutes: 180, catalogVersion: 2, extras: ['whatsapp-group', 'account-manager'],
    });
  });

  it('gives CUSTOM the contracted minutes, not fewer than the minimum, and its contracted price', () => {
    expect(planTermsFor(catalogNow, 'CUSTOM', 1500, 300_000)).to.include({ monthlyMinutes: 1500, priceCents: 300_000 });
    expect(() => planTermsFor(catalogNow, 'CUSTOM', 1199)).to.throw().with.property('code', 'CUSTOM_PLAN_BELOW_MINIMUM_MINUTES');
    expect(() => planTermsFor(catalogNow, 'START', undefined, 100)).to.throw().with.property('code', 'PLAN_PRICE_IS_SET_BY_THE_CATALOG');
  });

  it('opens a package-only contract with the catalog START first-response target unless another is given', () => {
    expect(contractFromCatalog(catalogNow, { kind: 'package' })).to.deep.equal({ kind: 'package', firstResponseBusinessMinutes: 240 });
    expect(contractFromCatalog(catalogNow, { kind: 'package', firstResponseBusinessMinutes: 60 })).to.deep.equal({ kind: 'package', firstResponseBusinessMinutes: 60 });
    expect(() => contractFromCatalog(catalogNow, { kind: 'plan' })).to.throw().with.property('code', 'PLAN_CODE_IS_UNKNOWN');
  });
});
