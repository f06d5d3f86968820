import { expect } from 'chai';
import { defaultCalendar } from '#calendar';
import { fold, foldFrom } from '#kernel';
import type { AccountCommand } from './account-commands.js';
import { accountDecider } from './account-decider.js';
import type { AccountEvent } from './account-events.js';
import { availableMinutes, balanceAsOf, lotsAsOf, shortfallOf } from './account-queries.js';
import { at, shortfallAlerted, start, startCredit } from './account-fixtures.js';

/*
 * A START account (180 min a month) in São Paulo (UTC−3 all year, so local midnight is 03:00Z),
 * opened for January 2026 at R$ 150,30 an hour of overage, followed for 14 months.
 *
 * FIFO always drains the lot that expires first, January's, so January can only have a leftover to
 * expire if everything debited before 2027 is under 180 minutes; a shortfall needs every lot empty,
 * so it can only come after January's lot has expired: here in January 2027, invoiced on Monday
 * 1 February 2027, the first business day of February.
 */
const history: AccountEvent[] = [];
const run = (command: AccountCommand): AccountEvent[] => {
  const events = accountDecider.decide(command, fold(accountDecider, history));
  history.push(...events);
  return events;
};
const state = () => fold(accountDecider, history);
const calendar = defaultCalendar('sp');
const debit = (ticketId: string, minutes: number, now: string) => run({ type: 'DebitTicket', data: { ticketId, minutes }, now: at(now), calendar });
const debitedEvent = (ticketId: string, minutes: number, covered: number, period: string, paidBy: object[], debitedAt: string) => ({
  type: 'TicketDebited',
  data: { ticketId, minutes, covered, shortfall: minutes - covered, period, paidBy, endedAt: debitedAt, debitedAt },
});

/** Period, its first instant, the first instant of period + 12 (when its lot expires). */
const months: [string, string, string][] = [
  ['2026-01', '2026-01-01T03:00:00Z', '2027-01-01T03:00:00Z'],
  ['2026-02', '2026-02-01T03:00:00Z', '2027-02-01T03:00:00Z'],
  ['2026-03', '2026-03-01T03:00:00Z', '2027-03-01T03:00:00Z'],
  ['2026-04', '2026-04-01T03:00:00Z', '2027-04-01T03:00:00Z'],
  ['2026-05', '2026-05-01T03:00:00Z', '2027-05-01T03:00:00Z'],
  ['2026-06', '2026-06-01T03:00:00Z', '2027-06-01T03:00:00Z'],
  ['2026-07', '2026-07-01T03:00:00Z', '2027-07-01T03:00:00Z'],
  ['2026-08', '2026-08-01T03:00:00Z', '2027-08-01T03:00:00Z'],
  ['2026-09', '2026-09-01T03:00:00Z', '2027-09-01T03:00:00Z'],
  ['2026-10', '2026-10-01T03:00:00Z', '2027-10-01T03:00:00Z'],
  ['2026-11', '2026-11-01T03:00:00Z', '2027-11-01T03:00:00Z'],
  ['2026-12', '2026-12-01T03:00:00Z', '2027-12-01T03:00:00Z'],
  ['2027-01', '2027-01-01T03:00:00Z', '2028-01-01T03:00:00Z'],
  ['2027-02', '2027-02-01T03:00:00Z', '2028-02-01T03:00:00Z'],
];

/** The scheduler at a period's first instant: the facts due then, expiries first, then the credit (a second nudge finds nothing). */
const periodOpens = (index: number) => {
  const [period, starts] = months[index]!;
  const due = run({ type: 'ExpireLots', data: {}, now: at(starts), calendar });
  expect(run({ type: 'CreditMonthlyPlan', data: { period }, now: at(starts), calendar })).to.deep.equal([]);
  const expired = due.filter((event) => event.type === 'LotExpired');
  expect(due).to.deep.equal([...expired, ...due.filter((event) => event.type === 'MonthlyPlanCredited')]);
  return { expired, credited: due.slice(expired.length) };
};
const creditOf = (index: number) => startCredit(...months[index]!);
const lastInstantOf = (index: number) => at(months[index + 1]?.[1] ?? '2027-03-01T03:00:00Z').subtract({ milliseconds: 1 });

describe('a START account over 14 months', () => {
  it('opens for January 2026', () =>
    expect(
      run({
        type: 'OpenAccount',
        data: {
          accountId: 'acme', clientName: 'Acme Ltda', plan: start, firstPeriod: '2026-01',
          timeZone: 'America/Sao_Paulo', calendarId: 'sp', overageRateCentsPerHour: 15030,
        },
        now: at('2025-12-15T12:00:00Z'),
      }),
    ).to.have.length(1));

  it('has its low-balance and expiry alerts turned off (they are told in alerts.unit.spec.ts)', () =>
    expect(run({ type: 'ChangeAlertSettings', data: { lowBalanceMinutes: 0, expiringWithinDays: 0 }, now: at('2025-12-15T12:00:00Z'), calendar })).to.have.length(1));

  it('January: 180 credited, ticket T1 uses 45 of them → 135', () => {
    expect(periodOpens(0)).to.deep.equal({ expired: [], credited: [creditOf(0)] });
    expect(debit('T1', 45, '2026-01-20T18:00:00Z')).to.deep.equal([
      debitedEvent('T1', 45, 45, '2026-01', [{ lotId: 'plan-2026-01', minutes: 45 }], '2026-01-20T18:00:00Z'),
    ]);
    expect(balanceAsOf(state(), lastInstantOf(0))).to.equal(135);
  });

  it("February: +180; T2's 60 come from January's lot (75 left there) → 255", () => {
    expect(periodOpens(1)).to.deep.equal({ expired: [], credited: [creditOf(1)] });
    expect(debit('T2', 60, '2026-02-10T18:00:00Z')).to.deep.equal([
      debitedEvent('T2', 60, 60, '2026-02', [{ lotId: 'plan-2026-01', minutes: 60 }], '2026-02-10T18:00:00Z'),
    ]);
    expect(balanceAsOf(state(), lastInstantOf(1))).to.equal(255); // 135 + 180 − 60
  });

  it("March: +180; T3's 30 from January's lot (45 left) → 405", () => {
    periodOpens(2);
    expect(debit('T3', 30, '2026-03-18T18:00:00Z')[0]?.data).to.deep.include({ paidBy: [{ lotId: 'plan-2026-01', minutes: 30 }] });
    expect(balanceAsOf(state(), lastInstantOf(2))).to.equal(405); // 255 + 180 − 30
  });

  it('April to December: a credit each month, and T4 (20 min, June) leaves January 25 minutes', () => {
    const closing = [585, 765, 925, 1105, 1285, 1465, 1645, 1825, 2005]; // +180 a month; June also − 20
    for (let index = 3; index <= 11; index++) {
      expect(periodOpens(index)).to.deep.equal({ expired: [], credited: [creditOf(index)] });
      if (index === 5) debit('T4', 20, '2026-06-09T18:00:00Z');
      expect(balanceAsOf(state(), lastInstantOf(index)), months[index]![0]).to.equal(closing[index - 3]);
    }
    expect(lotsAsOf(state(), at('2026-12-31T12:00:00Z'))[0]).to.deep.include({ lotId: 'plan-2026-01', minutes: 25 }); // 180 − 45 − 60 − 30 − 20
  });

  it("January 2027: January 2026's 25 unused minutes expire at 2027-01-01T03:00:00Z, before the new credit", () => {
    expect(balanceAsOf(state(), at('2027-01-01T02:59:59.999Z'))).to.equal(2005);
    expect(balanceAsOf(state(), at('2027-01-01T03:00:00Z'))).to.equal(1980); // gone at that instant, event or not
    expect(periodOpens(12)).to.deep.equal({
      expired: [{ type: 'LotExpired', data: { lotId: 'plan-2026-01', minutes: 25, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' } }],
      credited: [creditOf(12)],
    });
    expect(balanceAsOf(state(), at('2027-01-01T03:00:00Z'))).to.equal(2160); // 1980 + 180
  });

  it('January 2027: T5 is estimated at 2200, more than is available to T6 (2160 − 2200 = −40)', () => {
    run({ type: 'ReserveForTicket', data: { ticketId: 'T5', minutes: 2200 }, now: at('2027-01-05T14:00:00Z'), calendar });
    expect(availableMinutes(state(), at('2027-01-05T14:00:00Z'), 'T6')).to.equal(-40);
    expect(availableMinutes(state(), at('2027-01-05T14:00:00Z'), 'T5')).to.equal(2160);
  });

  it('January 2027: T5 closes at 2205 minutes, drains eleven 2026 lots and January 2027 FIFO, 45 short', () => {
    const drained = ['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01'];
    const paidBy = drained.map((period) => ({ lotId: `plan-${period}`, minutes: 180 })); // 12 × 180 = 2160 covered; 2205 − 2160 = 45 short
    expect(debit('T5', 2205, '2027-01-20T18:00:00Z')).to.deep.equal([
      debitedEvent('T5', 2205, 2160, '2027-01', paidBy, '2027-01-20T18:00:00Z'),
      shortfallAlerted('2027-01', 45, '2027-01-20T18:00:00Z'), // 45 × 150,30 / 60 = R$ 112,725 → 11273 cents (estimate; once a period)
    ]);
    expect(availableMinutes(state(), at('2027-01-20T18:00:00Z'), 'T6')).to.equal(0); // the reservation went with the debit
  });

  it('January 2027: T6 closes at 31 minutes with nothing left: 31 more short, 76 for the period', () => {
    expect(debit('T6', 31, '2027-01-28T18:00:00Z')).to.deep.equal([debitedEvent('T6', 31, 0, '2027-01', [], '2027-01-28T18:00:00Z')]);
    expect(shortfallOf(state(), '2027-01')).to.equal(76); // 45 + 31
    expect(balanceAsOf(state(), lastInstantOf(12))).to.equal(0); // 2005 + 180 − 2160 covered − 25 expired
  });

  it('the overage waits for the first business day of February', () => {
    expect(() => run({ type: 'InvoiceOverage', data: { period: '2027-01' }, now: at('2027-01-31T12:00:00Z'), calendar }))
      .to.throw().with.property('code', 'OVERAGE_IS_INVOICED_FROM_THE_NEXT_FIRST_BUSINESS_DAY');
  });

  it('February 2027: nothing of February 2026 is left to expire; 180 credited', () =>
    expect(periodOpens(13)).to.deep.equal({ expired: [], credited: [creditOf(13)] }));

  it('Monday 1 February 2027, 09:00: 76 minutes at R$ 150,30/h are invoiced as R$ 190,38', () =>
    expect(run({ type: 'InvoiceOverage', data: { period: '2027-01' }, now: at('2027-02-01T12:00:00Z'), calendar })).to.deep.equal([
      {
        type: 'OverageInvoiced',
        // 76 × 15030 = 1 142 280 cent-minutes an hour; ÷ 60 = 19 038 cents, rounded once for the period
        data: { period: '2027-01', shortfallMinutes: 76, rateCentsPerHour: 15030, amountCents: 19038, invoicedAt: '2027-02-01T12:00:00Z' },
      },
    ]));

  it('February 2027: the new credit does not repay the shortfall; T7 uses 40 of it → 140', () => {
    expect(debit('T7', 40, '2027-02-15T18:00:00Z')).to.deep.equal([
      debitedEvent('T7', 40, 40, '2027-02', [{ lotId: 'plan-2027-02', minutes: 40 }], '2027-02-15T18:00:00Z'),
    ]);
    expect(balanceAsOf(state(), lastInstantOf(13))).to.equal(140); // 0 + 180 − 40
    expect(shortfallOf(state(), '2027-01')).to.equal(76);
    expect(shortfallOf(state(), '2027-02')).to.equal(0);
  });

  it('a repeated scheduler run changes nothing', () => {
    expect(run({ type: 'CreditMonthlyPlan', data: { period: '2027-02' }, now: at('2027-02-15T18:00:00Z'), calendar })).to.deep.equal([]);
    expect(run({ type: 'InvoiceOverage', data: { period: '2027-01' }, now: at('2027-02-02T12:00:00Z'), calendar })).to.deep.equal([]);
    expect(debit('T7', 40, '2027-02-16T18:00:00Z')).to.deep.equal([]);
  });

  it('resumes from a snapshot (state JSON + revision) taken after any event, to the same state', () => {
    const final = state();
    for (let revision = 1; revision <= history.length; revision++) {
      const snapshot = JSON.parse(JSON.stringify(fold(accountDecider, history.slice(0, revision))));
      expect(foldFrom(accountDecider.evolve, snapshot, history.slice(revision)), `after ${revision}`).to.deep.equal(final);
    }
  });

  it('a fold leaves the state it starts from as it was (the draft copies what it has not made itself)', () => {
    for (let revision = 1; revision < history.length; revision++) {
      const start = fold(accountDecider, history.slice(0, revision));
      const before = JSON.parse(JSON.stringify(start));
      foldFrom(accountDecider.evolve, start, history.slice(revision));
      expect(start, `after ${revision}`).to.deep.equal(before);
    }
  });
});
