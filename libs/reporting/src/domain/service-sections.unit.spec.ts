import { expect } from 'chai';
import { buildMonthlyReport } from './build-monthly-report.js';
import { accountEvents, agencyAccount as account, agencyTicketThree as three, agencyTicketTwo as two, ticketOne, ticketThree, ticketTwo } from './report.fixtures.js';

const report = (period = '2027-01') => buildMonthlyReport({ period, account, tickets: [ticketOne, two, three] });

describe('the monthly report of issue 15: package prices, overrun approvals, alerts', () => {
  it('shows each package with its price in cents, and the period\'s package revenue', () => {
    const { credits, packageSales } = report();
    expect(credits.items.map((c) => [c.reference, c.priceCents])).to.deep.equal([
      ['plan-2027-01', null], ['pkg-1', 150000], ['adj-1', null], ['pkg-2', null],
    ]);
    expect(packageSales).to.deep.equal({ count: 2, minutes: 180, revenueCents: 150000, unpricedCount: 1 });
  });

  it('counts a package in the period it was bought in only', () => {
    expect(report('2027-02').packageSales).to.deep.equal({ count: 0, minutes: 0, revenueCents: 0, unpricedCount: 0 });
  });

  it('lists every overrun request of the period: which ticket, how much, who decided and when', () => {
    const { overruns } = report();
    expect(overruns.items.map((o) => [o.number, o.additionalMinutes, o.previousEstimatedMinutes, o.estimatedMinutes, o.status, o.decidedByRole, o.decidedBy, o.decidedAt]))
      .to.deep.equal([
        [1042, 60, 120, 180, 'approved', 'client', 'maria', '2027-01-14T15:00:00Z'],
        [1042, 400, 180, 580, 'approved', 'manager', 'gestor-ana', '2027-01-16T13:00:00Z'],
        [null, 30, 120, 150, 'rejected', 'client', 'maria', '2027-01-29T12:00:00Z'],
        [null, 20, 120, 140, 'pending', null, null, null],
      ]);
    expect(overruns.items[2]!.rejectionReason).to.equal('Sem verba');
    expect(overruns.items[0]).to.include({ title: 'Integração com o ERP', reason: 'O ERP tem mais tabelas', requestedAt: '2027-01-14T12:00:00Z' });
    expect(overruns.approvedMinutes).to.equal(460);
  });

  it('shows a request decided in the next period in that period too, approved there', () => {
    const february = report('2027-02').overruns;
    expect(february.items.map((o) => [o.additionalMinutes, o.status, o.decidedAt])).to.deep.equal([[20, 'approved', '2027-02-01T12:00:00Z']]);
    expect(february.approvedMinutes).to.equal(20);
  });

  it('lists the alerts raised in the period, by instant, with what each said', () => {
    const { alerts } = report();
    expect(alerts.items.map((a) => [a.kind, a.at, a.minutes])).to.deep.equal([
      ['slaAtRisk', '2027-01-19T11:00:00Z', null],
      ['lowBalance', '2027-01-20T12:00:01Z', 0],
      ['shortfall', '2027-01-20T12:00:01Z', 25],
      ['lotExpiringSoon', '2027-01-30T03:00:00Z', 50],
    ]);
    expect(alerts.items[0]).to.deep.include({ ticket: { ticketId: 't2', number: 1042, title: 'Integração com o ERP' }, slaKind: 'deliveryPromise', dueAt: '2027-01-19T20:00:00Z' });
    expect(alerts.items[1]!.thresholdMinutes).to.equal(60);
    expect(alerts.items[2]!.amountCents).to.equal(6263);
    expect(alerts.items[3]!.lot).to.include({ lotId: 'plan-2026-03', label: 'Plano 03/2026' });
  });

  it('keeps December\'s alert in December', () => {
    expect(report('2026-12').alerts.items.map((a) => [a.kind, a.at])).to.deep.equal([['lowBalance', '2026-12-30T12:00:00Z']]);
  });

  it('leaves the balance sections as they were', () => {
    const before = buildMonthlyReport({ period: '2027-01', account: accountEvents, tickets: [ticketOne, ticketTwo, ticketThree] });
    const after = report();
    expect([after.openingBalance, after.closingBalance + 0, after.tickets.totalMinutes]).to.deep.equal([before.openingBalance, before.closingBalance + 60, before.tickets.totalMinutes]);
  });
});
