import { expect } from 'chai';
import { defaultCalendar } from '#calendar';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountCommand } from './account-commands.js';
import type { AmendContract } from './contract-commands.js';
import { accountDecider } from './account-decider.js';
import type { AccountEvent } from './account-events.js';
import { alertsOff, at, calendar, debited, january, opened } from './account-fixtures.js';
import type { OpenedAccount } from './account-state.js';
import { periodAt, startOf, termsFor } from './contract-terms.js';
import { dueFacts } from './due-facts.js';

const spec = DeciderSpecification.for(accountDecider);
const now = '2026-01-10T12:00:00Z';
const amend = (data: Partial<AmendContract['data']>): AccountCommand =>
  ({ type: 'AmendContract', data: { effectiveFrom: '2026-02', reason: 'aditivo contratual', ...data }, now: at(now), calendar });
const amended = (data: Record<string, unknown>): AccountEvent =>
  ({ type: 'ContractAmended', data: { effectiveFrom: '2026-02', reason: 'aditivo contratual', amendedAt: now, ...data } as never });
const account = (events: AccountEvent[]) => fold(accountDecider, events) as OpenedAccount;

describe('account: amendments effective from a period', () => {
  it('records only what changes, from a period that has not started', () =>
    spec([opened, january]).when(amend({ overageRateCentsPerHour: 18000, clientName: 'Acme Ltda' })).then([amended({ overageRateCentsPerHour: 18000 })]));

  it('does nothing when nothing changes', () => spec([opened, january]).when(amend({ clientName: 'Acme Ltda' })).thenNothingHappens());

  it('refuses the current period (it has started) and the past', () => {
    spec([opened, january]).when(amend({ effectiveFrom: '2026-01', clientName: 'Novo nome' })).thenThrows('AMENDMENT_MUST_START_IN_A_FUTURE_PERIOD');
    spec([opened, january]).when(amend({ effectiveFrom: '2025-11', clientName: 'Novo nome' })).thenThrows('AMENDMENT_MUST_START_IN_A_FUTURE_PERIOD');
  });

  it('needs a reason, a known zone and a positive rate', () => {
    spec([opened]).when(amend({ reason: ' ', clientName: 'x' })).thenThrows('AMENDMENT_REQUIRES_A_REASON');
    spec([opened]).when(amend({ timeZone: 'Mars/Olympus' })).thenThrows('TIME_ZONE_IS_UNKNOWN');
    spec([opened]).when(amend({ overageRateCentsPerHour: 0 })).thenThrows('OVERAGE_RATE_MUST_BE_POSITIVE_WHOLE_CENTS');
  });

  it('keeps the terms of earlier periods and gives the new ones from the period on', () => {
    const state = account([opened, january, amended({ clientName: 'Acme S.A.', overageRateCentsPerHour: 18000 })]);
    expect(termsFor(state, '2026-01')).to.include({ clientName: 'Acme Ltda', overageRateCentsPerHour: 15030 });
    expect(termsFor(state, '2026-02')).to.include({ clientName: 'Acme S.A.', overageRateCentsPerHour: 18000 });
  });

  it('prices a shortfall of the amended period at the new rate (60 min × R$ 180,00 = R$ 180,00)', () => {
    const february = { type: 'MonthlyPlanCredited', data: { period: '2026-02', lotId: 'plan-2026-02', minutes: 180, plan: (opened.data as { plan: object }).plan, creditedAt: '2026-02-01T03:00:00Z', expiresAt: '2027-02-01T03:00:00Z' } } as AccountEvent;
    const short = debited('T1', '2026-02-20T15:00:00Z', { minutes: 240, covered: 180, shortfall: 60, period: '2026-02', paidBy: [{ lotId: 'plan-2026-02', minutes: 180 }] });
    const state = account([opened, alertsOff, january, amended({ overageRateCentsPerHour: 18000 }), { type: 'AdjustmentDebited', data: { adjustmentId: 'a', minutes: 180, reason: 'x', period: '2026-01', adjustedAt: '2026-01-20T12:00:00Z', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }] } }, february, short]);
    const invoice = dueFacts(state, at('2026-03-02T12:00:00Z'), calendar).find((e) => e.type === 'OverageInvoiced');
    expect(invoice?.data).to.include({ period: '2026-02', rateCentsPerHour: 18000, amountCents: 18000 });
  });

  it('counts the periods from the amendment in the new zone (Lisbon: February starts at 00:00Z, not 03:00Z)', () => {
    const state = account([opened, january, amended({ timeZone: 'Europe/Lisbon' })]);
    expect(startOf(state, '2026-02').toString()).to.equal('2026-02-01T00:00:00Z');
    expect(periodAt(state, at('2026-02-01T01:00:00Z'))).to.equal('2026-02');
    expect(periodAt(state, at('2026-01-31T23:59:00Z'))).to.equal('2026-01');
    const credit = dueFacts(state, at('2026-02-01T00:00:00Z'), calendar).find((e) => e.type === 'MonthlyPlanCredited');
    expect(credit?.data).to.include({ period: '2026-02', creditedAt: '2026-02-01T00:00:00Z', expiresAt: '2027-02-01T00:00:00Z' });
  });

  it('invoices on the first business day of the calendar in force then, and asks for that calendar', () => {
    const porto = { ...defaultCalendar('porto'), holidays: [{ date: '2026-02-02', name: 'Navegantes' }] };
    const short = debited('T1', '2026-01-20T15:00:00Z', { minutes: 200, covered: 180, shortfall: 20, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 180 }] });
    const state = account([opened, alertsOff, january, amended({ calendarId: 'porto' }), short]);
    expect(() => dueFacts(state, at('2026-02-03T12:00:00Z'), calendar)).to.throw().with.property('code', 'CALENDAR_IS_NOT_THE_ACCOUNTS');
    const invoice = dueFacts(state, at('2026-02-03T12:00:00Z'), [calendar, porto]).find((e) => e.type === 'OverageInvoiced');
    expect(invoice?.data).to.include({ invoicedAt: '2026-02-03T12:00:00Z' }); // Monday the 2nd is Navegantes there: Tuesday 09:00
  });

  it('refuses a zone that would make the period have started already', () =>
    // 2026-01-31T12:00Z: February has not started in São Paulo, but it has in Kiritimati (UTC+14).
    spec([opened]).when({ type: 'AmendContract', data: { effectiveFrom: '2026-02', timeZone: 'Pacific/Kiritimati', reason: 'mudança' }, now: at('2026-01-31T12:00:00Z'), calendar })
      .thenThrows('AMENDMENT_MUST_START_IN_A_FUTURE_PERIOD'));
});
