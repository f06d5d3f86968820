import { expect } from 'chai';
import { fold } from '#kernel';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { OpenedAccount } from './account-state.js';
import { accountAsOf, businessTimeOf } from './as-of.js';
import { balanceAsOf } from './account-queries.js';
import { dueFacts } from './due-facts.js';
import { acmeTerms, at, calendar, debited, january, monthlyCredits, opened } from './account-fixtures.js';

const account = (events: AccountEvent[]) => fold(accountDecider, events) as OpenedAccount;

describe('account: the facts due by an instant', () => {
  it('are the monthly credits from the first period, each at its period start', () =>
    expect(dueFacts(account([opened]), at('2026-03-15T12:00:00Z'), calendar)).to.deep.equal(monthlyCredits('2026-01', '2026-03')));

  it('interleave by due instant: an invoice day comes between two credits', () => {
    const short = debited('T1', '2026-01-20T15:00:00Z', { minutes: 200, covered: 180, shortfall: 20, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }] });
    const [february, invoice, march] = dueFacts(account([opened, january, short]), at('2026-03-01T03:00:00Z'), calendar);
    // 2 February 2026 (Monday) is January's invoice day, opening at 09:00 local.
    expect([february?.type, invoice?.type, march?.type]).to.deep.equal(['MonthlyPlanCredited', 'OverageInvoiced', 'MonthlyPlanCredited']);
    expect(invoice?.data).to.include({ period: '2026-01', invoicedAt: '2026-02-02T12:00:00Z', amountCents: 5010 });
  });

  it('never credit a period before 2000-01 nor after 2100-12, whatever a stored first period says', () => {
    const ancient = account([{ type: 'AccountOpened', data: { ...acmeTerms, kind: 'plan', firstPeriod: '0001-01', openedAt: '2001-01-10T12:00:00Z' } }]);
    const credits = dueFacts(ancient, at('2001-01-10T12:00:00Z'), calendar).filter((event) => event.type === 'MonthlyPlanCredited');
    expect(credits.map((event) => (event.data as { period: string }).period)).to.deep.equal(monthlyCredits('2000-01', '2001-01').map((c) => c.data.period));
  });
});

describe('account: as of a past instant, from the log', () => {
  const log = [opened, ...monthlyCredits('2026-01', '2026-03')];

  it('counts only the events that had taken effect then (15 January: 180, not the 540 of March)', () =>
    expect(balanceAsOf(accountAsOf(log, at('2026-01-15T12:00:00Z'), calendar), at('2026-01-15T12:00:00Z'))).to.equal(180));

  it('counts a credit due then and not written yet', () =>
    expect(balanceAsOf(accountAsOf([opened], at('2026-02-15T12:00:00Z'), calendar), at('2026-02-15T12:00:00Z'))).to.equal(360));

  it('dates every event by when it took effect, not when it was written', () =>
    expect(log.map(businessTimeOf)).to.deep.equal(['2025-12-15T12:00:00Z', '2026-01-01T03:00:00Z', '2026-02-01T03:00:00Z', '2026-03-01T03:00:00Z']));
});
