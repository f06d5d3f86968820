import { expect } from 'chai';
import { buildMonthlyReport } from './build-monthly-report.js';
import { accountEvents, ticketOne, tickets } from './report.fixtures.js';

const january = () => buildMonthlyReport({ period: '2027-01', account: accountEvents, tickets });

describe('the monthly report of a month with credits, an adjustment, two closed tickets, an expiry and a shortfall', () => {
  it('opens with every lot still valid at the first instant, the one expiring then included', () => {
    // plan-2026-01 80 (expires 2027-01-01T03:00Z) + plan-2026-02 0 + plan-2026-03 180 + plan-2026-12 180
    expect(january().openingBalance).to.equal(440);
  });

  it('lists the plan credit, the package and the positive adjustment', () => {
    const { credits } = january();
    expect(credits.items.map((c) => [c.source, c.reference, c.minutes])).to.deep.equal([
      ['plan', 'plan-2027-01', 180], ['package', 'pkg-1', 120], ['adjustment', 'adj-1', 30],
    ]);
    expect(credits.totalMinutes).to.equal(330);
    expect(credits.items[2]!.reason).to.equal('Bônus de boas-vindas');
  });

  it('lists the negative adjustment with its reason', () => {
    expect(january().negativeAdjustments).to.deep.equal({
      items: [{
        adjustmentId: 'adj-2', minutes: 45, at: '2027-01-05T14:00:00Z', reason: 'Estorno de lançamento duplicado',
        paidBy: [{ lotId: 'plan-2026-03', label: 'Plano 03/2026', source: 'plan', creditedPeriod: '2026-03', validThrough: '2027-02-28', minutes: 45 }],
      }],
      totalMinutes: 45,
    });
  });

  it('shows each closed ticket with minutes by activity after the correction, in activity order', () => {
    const [one, two] = january().tickets.items;
    expect(one!.minutesByActivity).to.deep.equal([
      { activity: 'development', minutes: 80 }, { activity: 'meeting', minutes: 30 }, { activity: 'test', minutes: 20 },
    ]);
    expect(two!.minutesByActivity.map((a) => a.activity)).to.deep.equal(['investigation', 'analysis']);
    expect([one!.title, one!.outcome, one!.minutes]).to.deep.equal(['Relatório de vendas não abre', 'closed', 130]);
  });

  it('names each ticket by its human number once its stream records one', () => {
    expect(january().tickets.items.map((t) => [t.ticketId, t.number])).to.deep.equal([['t1', 1041], ['t2', 1042]]);
  });

  it('shows the lots that paid each ticket, FIFO, and the part left uncovered', () => {
    const two = january().tickets.items[1]!;
    expect(two.debit!.paidBy.map((p) => [p.lotId, p.source, p.creditedPeriod, p.minutes])).to.deep.equal([
      ['plan-2026-03', 'plan', '2026-03', 5], ['plan-2026-12', 'plan', '2026-12', 180], ['plan-2027-01', 'plan', '2027-01', 180],
      ['package-pkg-1', 'package', '2027-01', 120], ['adjustment-adj-1', 'adjustment', '2027-01', 30],
    ]);
    expect([two.debit!.coveredMinutes, two.debit!.shortfallMinutes]).to.deep.equal([515, 25]);
    const { totalMinutes, coveredMinutes, shortfallMinutes } = january().tickets;
    expect([totalMinutes, coveredMinutes, shortfallMinutes]).to.deep.equal([670, 645, 25]);
  });

  it('counts the lot that expired at the first instant as this period\'s expiration', () => {
    expect(january().expirations).to.deep.equal({
      items: [{ lotId: 'plan-2026-01', label: 'Plano 01/2026', source: 'plan', creditedPeriod: '2026-01', validThrough: '2026-12-31', minutes: 80, expiredAt: '2027-01-01T03:00:00Z', recorded: true }],
      totalMinutes: 80,
    });
  });

  it('closes at opening + credits − covered debits − negative adjustments − expirations', () => {
    expect(january().closingBalance).to.equal(440 + 330 - 645 - 45 - 80);
  });

  it('prices the shortfall once, rounded half up: 25 min × R$ 150,30/h = R$ 62,63 (6262.5 cents)', () => {
    expect(january().overage).to.deep.equal({
      shortfallMinutes: 25, rateCentsPerHour: 15030, amountCents: 6263, status: 'pending', invoicedAt: null,
    });
  });

  it('takes the invoice as recorded once it is', () => {
    const invoice = { type: 'OverageInvoiced', data: { period: '2027-01', shortfallMinutes: 25, rateCentsPerHour: 15030, amountCents: 6263, invoicedAt: '2027-02-01T12:00:00Z' } };
    const report = buildMonthlyReport({ period: '2027-01', account: [...accountEvents, invoice], tickets });
    expect(report.overage).to.include({ status: 'invoiced', invoicedAt: '2027-02-01T12:00:00Z', amountCents: 6263 });
  });

  it('counts SLA timers met in the month and those whose due time fell in it', () => {
    expect(january().sla).to.deep.equal({
      firstResponse: { met: 1, breached: 1 },
      deliveryPromise: { met: 2, breached: 1 },
      breaches: [
        { ticketId: 't2', number: 1042, title: 'Integração com o ERP', kind: 'firstResponse', dueAt: '2027-01-12T19:00:00Z' },
        { ticketId: 't3', number: null, title: 'Treinamento da equipe', kind: 'deliveryPromise', dueAt: '2027-01-15T21:00:00Z' },
      ],
    });
  });

  it('charts the minutes used in the last 12 periods up to this one, beside the plan allowance of each', () => {
    const usage = january().usageByPeriod;
    expect(usage.map((u) => u.period)).to.deep.equal([
      '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01',
    ]);
    expect(usage.map((u) => u.minutes)).to.deep.equal([180, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 670]);
    expect(new Set(usage.map((u) => u.allowanceMinutes))).to.deep.equal(new Set([180]));
  });

  it('charts no month before the contract began', () => {
    const march = buildMonthlyReport({ period: '2026-03', account: accountEvents, tickets });
    expect(march.usageByPeriod.map((u) => [u.period, u.minutes])).to.deep.equal([['2026-01', 100], ['2026-02', 180], ['2026-03', 0]]);
  });

  it('names lots for people: the plan by its month, a package or an adjustment by its day, valid through the day before expiry', () => {
    const { credits } = january();
    expect(credits.items.map((c) => [c.label, c.validThrough])).to.deep.equal([
      ['Plano 01/2027', '2027-12-31'], ['Pacote de 04/01/2027', '2027-12-31'], ['Ajuste de 04/01/2027', '2027-12-31'],
    ]);
  });

  it('tells apart two lots that would have the same label', () => {
    const second = { type: 'PackagePurchased', data: { packageId: 'pkg-2', lotId: 'package-pkg-2', minutes: 60, period: '2027-01', purchasedAt: '2027-01-04T18:00:00Z', expiresAt: '2028-01-01T03:00:00Z' } };
    const report = buildMonthlyReport({ period: '2027-01', account: [...accountEvents, second], tickets });
    expect(report.credits.items.filter((c) => c.source === 'package').map((c) => c.label)).to.deep.equal(['Pacote de 04/01/2027', 'Pacote de 04/01/2027 (2)']);
  });
});

describe('the month before, quiet', () => {
  const december = () => buildMonthlyReport({ period: '2026-12', account: accountEvents, tickets });

  it('opens with 260, credits 180 and closes with 440', () => {
    const report = december();
    expect([report.openingBalance, report.credits.totalMinutes, report.closingBalance]).to.deep.equal([260, 180, 440]);
  });

  it('lists the lots expiring in the 90 days after the month, the one expiring at its end first, empty lots left out', () => {
    const { expiringSoon } = december();
    expect(expiringSoon.items.map((l) => [l.lotId, l.minutes, l.expiresAt])).to.deep.equal([
      ['plan-2026-01', 80, '2027-01-01T03:00:00Z'], ['plan-2026-03', 180, '2027-03-01T03:00:00Z'],
    ]);
    expect([expiringSoon.from, expiringSoon.until, expiringSoon.totalMinutes]).to.deep.equal([
      '2027-01-01T03:00:00Z', '2027-04-01T03:00:00Z', 260,
    ]);
  });

  it('counts the first response answered in December there, not in January', () => {
    expect(december().sla.firstResponse).to.deep.equal({ met: 1, breached: 0 });
  });
});

describe('a report built before the expiry event is written', () => {
  const withoutExpiry = accountEvents.filter((event) => event.type !== 'LotExpired');

  it('still counts the expired lot, marked as not yet recorded, with the same closing balance', () => {
    const report = buildMonthlyReport({ period: '2027-01', account: withoutExpiry, tickets });
    expect(report.expirations.items).to.deep.equal([
      { lotId: 'plan-2026-01', label: 'Plano 01/2026', source: 'plan', creditedPeriod: '2026-01', validThrough: '2026-12-31', minutes: 80, expiredAt: '2027-01-01T03:00:00Z', recorded: false },
    ]);
    expect(report.closingBalance).to.equal(january().closingBalance);
  });
});

describe('a ticket closed in the month whose debit is not recorded yet', () => {
  it('is listed with its logged minutes and no debit', () => {
    const account = accountEvents.filter((event) => (event.data as { ticketId?: string }).ticketId !== 't1');
    const line = buildMonthlyReport({ period: '2027-01', account, tickets: [ticketOne] }).tickets.items[0]!;
    expect([line.ticketId, line.minutes, line.debit]).to.deep.equal(['t1', 130, null]);
  });
});

describe('a report of an account that does not exist', () => {
  it('is refused as not found', () => {
    expect(() => buildMonthlyReport({ period: '2027-01', account: [], tickets: [] })).to.throw().with.property('code', 'ACCOUNT_NOT_FOUND');
  });
});
