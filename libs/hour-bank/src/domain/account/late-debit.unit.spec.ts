import { expect } from 'chai';
import { defaultCalendar } from '#calendar';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { DebitTicket, InvoiceOverage } from './account-commands.js';
import { overageInvoicedFor, shortfallOf } from './account-queries.js';
import { at, debited, monthlyCredits, opened, startCredit, alertsOff, shortfallAlerted } from './account-fixtures.js';

/*
 * The worker was down across a month boundary: the ticket ended in one period and its debit is
 * processed in the next. São Paulo is UTC−3: 2026-11-30T20:00Z is 17:00 on 30 November.
 */
const spec = DeciderSpecification.for(accountDecider);
const calendar = defaultCalendar('sp');
const openedForNovember: AccountEvent = {
  type: 'AccountOpened',
  data: { ...(opened.data as Extract<AccountEvent, { type: 'AccountOpened' }>['data']), firstPeriod: '2026-11' },
};
const november = startCredit('2026-11', '2026-11-01T03:00:00Z', '2027-11-01T03:00:00Z');
const december = startCredit('2026-12', '2026-12-01T03:00:00Z', '2027-12-01T03:00:00Z');
const january2027 = startCredit('2027-01', '2027-01-01T03:00:00Z', '2028-01-01T03:00:00Z');
const debit = (ticketId: string, minutes: number, endedAt: string, now: string): DebitTicket => ({
  type: 'DebitTicket',
  data: { ticketId, minutes, endedAt: at(endedAt) },
  now: at(now),
  calendar,
});
const invoice = (period: string, now: string): InvoiceOverage => ({ type: 'InvoiceOverage', data: { period }, now: at(now), calendar });
const ended = '2026-11-30T20:00:00Z';
const processed = '2026-12-03T12:00:00Z';
const lateT1 = debited('T1', processed, {
  endedAt: ended, minutes: 200, covered: 180, shortfall: 20, period: '2026-11', paidBy: [{ lotId: 'plan-2026-11', minutes: 180 }],
});
const lateAlert = shortfallAlerted('2026-11', 20, ended);
const package_ = (purchasedAt: string): AccountEvent => ({
  type: 'PackagePurchased',
  data: { packageId: 'p1', lotId: 'package-p1', minutes: 60, period: '2026-11', purchasedAt, expiresAt: '2027-11-01T03:00:00Z' },
});

describe('account: a debit processed after the ticket ended', () => {
  it("puts the shortfall in the period of the end, and December's credit does not cover it", () =>
    spec([openedForNovember, alertsOff, november, december]).when(debit('T1', 200, ended, processed)).then([lateT1, lateAlert]));

  it('decides what it would have decided at the end, apart from when it was recorded', () => {
    const late = accountDecider.decide(debit('T1', 200, ended, processed), fold(accountDecider, [openedForNovember, alertsOff, november, december]));
    const onTime = accountDecider.decide(debit('T1', 200, ended, ended), fold(accountDecider, [openedForNovember, alertsOff, november]));
    const asOfEnd = (event: AccountEvent) => (event.type === 'TicketDebited' ? { ...event.data, debitedAt: ended } : event.data);
    expect(late.map(asOfEnd)).to.deep.equal(onTime.map((event) => event.data));
  });

  it('leaves December without a shortfall', () => {
    const state = fold(accountDecider, [openedForNovember, alertsOff, november, december, lateT1]);
    expect([shortfallOf(state, '2026-11'), shortfallOf(state, '2026-12')]).to.deep.equal([20, 0]);
  });

  it('is in the November invoice when November was not invoiced yet, dated on its invoice day', () =>
    // 1 December 2026 is a Tuesday, November's invoice day (09:00 local); 20 min × 15030 cents/h ÷ 60 = 5010 cents.
    spec([openedForNovember, alertsOff, november, december, lateT1]).when(invoice('2026-11', processed)).then([
      {
        type: 'OverageInvoiced',
        data: { period: '2026-11', shortfallMinutes: 20, rateCentsPerHour: 15030, amountCents: 5010, invoicedAt: '2026-12-01T12:00:00Z' },
      },
    ]));

  describe('when November was already invoiced', () => {
    const t0 = debited('T0', '2026-11-20T15:00:00Z', {
      minutes: 200, covered: 180, shortfall: 20, period: '2026-11', paidBy: [{ lotId: 'plan-2026-11', minutes: 180 }],
    });
    const novemberInvoice: AccountEvent = {
      type: 'OverageInvoiced',
      data: { period: '2026-11', shortfallMinutes: 20, rateCentsPerHour: 15030, amountCents: 5010, invoicedAt: '2026-12-01T12:00:00Z' },
    };
    const lateT2 = debited('T2', processed, { endedAt: ended, minutes: 50, covered: 0, shortfall: 50, period: '2026-11', paidBy: [] });
    const given = [openedForNovember, alertsOff, november, t0, shortfallAlerted('2026-11', 20, '2026-11-20T15:00:00Z'), december, novemberInvoice];

    it('still puts the shortfall in November', () => spec(given).when(debit('T2', 50, ended, processed)).then([lateT2]));

    it('issues no supplementary November invoice: the period was invoiced once', () =>
      spec([...given, lateT2]).when(invoice('2026-11', '2026-12-04T12:00:00Z')).thenNothingHappens());

    it("does not carry it into December's invoice", () =>
      // 4 January 2027 (Monday) is December's invoice day; December has no shortfall of its own.
      spec([...given, lateT2, january2027]).when(invoice('2026-12', '2027-01-04T12:00:00Z')).thenNothingHappens());

    it('shows November short of 70 minutes, 20 of them invoiced', () => {
      const state = fold(accountDecider, [...given, lateT2]);
      expect([shortfallOf(state, '2026-11'), overageInvoicedFor(state, '2026-11')]).to.deep.equal([70, 5010]);
    });
  });

  describe('which lots pay', () => {
    const expiredJanuary: AccountEvent = {
      type: 'LotExpired',
      data: { lotId: 'plan-2026-01', minutes: 180, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' },
    };
    const year2026 = [opened, alertsOff, ...monthlyCredits('2026-01', '2026-12')];

    it('a lot valid at the end pays although it expired since; nothing due after the end is written with the debit', () =>
      spec(year2026).when(debit('T1', 100, '2026-12-31T20:00:00Z', '2027-01-05T12:00:00Z')).then([
        debited('T1', '2027-01-05T12:00:00Z', {
          endedAt: '2026-12-31T20:00:00Z', minutes: 100, covered: 100, shortfall: 0, period: '2026-12',
          paidBy: [{ lotId: 'plan-2026-01', minutes: 100 }],
        }),
      ]));

    it('the expiry written afterwards takes what the debit left', () => {
      const debitT1 = debited('T1', '2027-01-05T12:00:00Z', {
        endedAt: '2026-12-31T20:00:00Z', minutes: 100, covered: 100, shortfall: 0, period: '2026-12', paidBy: [{ lotId: 'plan-2026-01', minutes: 100 }],
      });
      spec([...year2026, debitT1]).when({ type: 'ExpireLots', data: {}, now: at('2027-01-05T12:00:00Z'), calendar }).then([
        { type: 'LotExpired', data: { lotId: 'plan-2026-01', minutes: 80, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' } },
        january2027,
      ]);
    });

    it('an expiry already recorded stands: the next lot valid at the end pays', () =>
      spec([...year2026, expiredJanuary, january2027])
        .when(debit('T1', 100, '2026-12-31T20:00:00Z', '2027-01-05T12:00:00Z'))
        .then([
          debited('T1', '2027-01-05T12:00:00Z', {
            endedAt: '2026-12-31T20:00:00Z', minutes: 100, covered: 100, shortfall: 0, period: '2026-12',
            paidBy: [{ lotId: 'plan-2026-02', minutes: 100 }],
          }),
        ]));

    it('a lot that expired before the end is expired first and does not pay; the credit due by then comes first too', () =>
      spec(year2026).when(debit('T1', 100, '2027-01-02T12:00:00Z', '2027-01-05T12:00:00Z')).then([
        expiredJanuary,
        january2027,
        debited('T1', '2027-01-05T12:00:00Z', {
          endedAt: '2027-01-02T12:00:00Z', minutes: 100, covered: 100, shortfall: 0, period: '2027-01',
          paidBy: [{ lotId: 'plan-2026-02', minutes: 100 }],
        }),
      ]));

    it('a package bought before the end pays', () =>
      spec([openedForNovember, alertsOff, november, package_('2026-11-30T19:00:00Z')]).when(debit('T1', 200, ended, processed)).then([
        { ...lateT1, data: { ...lateT1.data, covered: 200, shortfall: 0, paidBy: [{ lotId: 'plan-2026-11', minutes: 180 }, { lotId: 'package-p1', minutes: 20 }] } } as AccountEvent,
      ]));

    it('a package bought after the end, in the same period, does not', () =>
      spec([openedForNovember, alertsOff, november, package_('2026-11-30T22:00:00Z')]).when(debit('T1', 200, ended, processed)).then([lateT1, lateAlert]));
  });

  it('takes an end later than now (another clock) as now', () =>
    spec([openedForNovember, alertsOff, november]).when(debit('T1', 10, '2026-11-30T20:00:01Z', ended)).then([
      debited('T1', ended, { minutes: 10, covered: 10, shortfall: 0, period: '2026-11', paidBy: [{ lotId: 'plan-2026-11', minutes: 10 }] }),
    ]));

  it('does nothing when the same debit arrives again later', () =>
    spec([openedForNovember, alertsOff, november, december, lateT1]).when(debit('T1', 200, ended, '2026-12-10T12:00:00Z')).thenNothingHappens());
});
