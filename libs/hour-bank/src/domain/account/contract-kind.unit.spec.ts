import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountCommand, ChangePlan, OpenAccount, PurchasePackage } from './account-commands.js';
import { accountDecider } from './account-decider.js';
import type { AccountEvent } from './account-events.js';
import { acmeOpenedAt, acmeTerms, alertsOff, at, basic, calendar, startCredit } from './account-fixtures.js';
import { balanceAsOf } from './account-queries.js';
import { dueFacts } from './due-facts.js';
import type { OpenedAccount } from './account-state.js';
import { firstResponseTargetFor } from './contract-terms.js';

const spec = DeciderSpecification.for(accountDecider);
const { plan: _plan, ...contract } = acmeTerms;
const openPackageOnly = (data: Partial<OpenAccount['data']> = {}): OpenAccount =>
  ({ type: 'OpenAccount', data: { ...contract, kind: 'package', ...data }, now: at(acmeOpenedAt) });
const packageOnly: AccountEvent = { type: 'AccountOpened', data: { ...contract, kind: 'package', firstResponseBusinessMinutes: 180, openedAt: acmeOpenedAt } };
const buy = (minutes: number, priceCents: number | undefined, now: string): PurchasePackage =>
  ({ type: 'PurchasePackage', data: { packageId: 'pk', minutes, ...(priceCents !== undefined && { priceCents }) }, now: at(now), calendar });
const sold: AccountEvent = {
  type: 'PackagePurchased',
  data: { packageId: 'pk', lotId: 'package-pk', minutes: 1200, priceCents: 360_000, period: '2026-03', purchasedAt: '2026-03-10T12:00:00Z', expiresAt: '2027-03-01T03:00:00Z' },
};
const account = (events: AccountEvent[]) => fold(accountDecider, events) as OpenedAccount;

describe('account: contract kinds (a plan, or a single package only)', () => {
  it('opens a package-only contract with its own first-response target and no plan', () =>
    spec([]).when(openPackageOnly({ firstResponseBusinessMinutes: 180 })).then([packageOnly]));

  it('refuses a package-only contract that names a plan', () =>
    spec([]).when(openPackageOnly({ plan: basic })).thenThrows('PACKAGE_CONTRACT_HAS_NO_PLAN'));

  it('refuses a first-response target on a plan contract (the plan sets it)', () =>
    spec([]).when({ type: 'OpenAccount', data: { ...acmeTerms, firstResponseBusinessMinutes: 60 }, now: at(acmeOpenedAt) }).thenThrows('FIRST_RESPONSE_IS_SET_BY_THE_PLAN'));

  it('owes no monthly credit, ever: a year on, nothing is due', () =>
    expect(dueFacts(account([packageOnly, alertsOff]), at('2027-01-15T12:00:00Z'), calendar)).to.deep.equal([]));

  it('sells packages with their price; the package is the balance', () => {
    spec([packageOnly, alertsOff]).when(buy(1200, 360_000, '2026-03-10T12:00:00Z')).then([sold]);
    expect(balanceAsOf(account([packageOnly, sold]), at('2026-06-01T12:00:00Z'))).to.equal(1200);
  });

  it('refuses a price that is not whole cents', () =>
    spec([packageOnly]).when(buy(60, -1, '2026-03-10T12:00:00Z')).thenThrows('PACKAGE_PRICE_MUST_BE_WHOLE_CENTS'));

  it("gives its tickets the contract's own first-response target", () =>
    expect(firstResponseTargetFor(account([packageOnly]), '2026-03')).to.equal(180));

  describe('changing kind', () => {
    const changeTo = (plan: ChangePlan['data']['plan'], now: string): AccountCommand => ({ type: 'ChangePlan', data: { plan }, now: at(now), calendar });
    const startsPlan: AccountEvent = { type: 'PlanChanged', data: { plan: basic, effectiveFrom: '2026-04', changedAt: '2026-03-10T12:00:00Z' } };

    it('starts monthly credits from the next period when a plan is given', () => {
      spec([packageOnly, alertsOff]).when(changeTo(basic, '2026-03-10T12:00:00Z')).then([startsPlan]);
      const due = dueFacts(account([packageOnly, alertsOff, startsPlan]), at('2026-05-01T03:00:00Z'), calendar);
      expect(due.map((e) => (e.data as { period: string }).period)).to.deep.equal(['2026-04', '2026-05']);
    });

    it('stops monthly credits from the next period when the plan is discontinued; lots credited stay', () => {
      const january = startCredit('2026-01', '2026-01-01T03:00:00Z', '2027-01-01T03:00:00Z');
      const opened: AccountEvent = { type: 'AccountOpened', data: { ...acmeTerms, kind: 'plan', openedAt: acmeOpenedAt } };
      const discontinued: AccountEvent = { type: 'PlanDiscontinued', data: { effectiveFrom: '2026-02', changedAt: '2026-01-10T12:00:00Z' } };
      spec([opened, alertsOff, january]).when(changeTo(null, '2026-01-10T12:00:00Z')).then([discontinued]);
      const state = account([opened, alertsOff, january, discontinued]);
      expect(dueFacts(state, at('2026-06-15T12:00:00Z'), calendar)).to.deep.equal([]);
      expect(balanceAsOf(state, at('2026-06-15T12:00:00Z'))).to.equal(180);
    });

    it('does nothing when discontinuing a contract that is package-only already', () =>
      spec([packageOnly]).when(changeTo(null, '2026-03-10T12:00:00Z')).thenNothingHappens());
  });
});
