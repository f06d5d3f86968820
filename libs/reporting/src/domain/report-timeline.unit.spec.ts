import { expect } from 'chai';
import { accountEvents, ticketOne, ticketThree, ticketTwo } from './report.fixtures.js';
import { diffReports } from './report-diff.js';
import type { ReportEvent } from './report-facts.js';
import { type PositionedEvent, type ReportTimeline, correctionsSince, reportKnownAt } from './report-timeline.js';

/*
 * January 2027 of the hand-worked account, each fact at a log position. The report is issued at ISSUED, before t2's
 * debit was recorded (a late reactor) and before t3's delivery-promise breach was noticed; after the issue come the
 * late debit (a January fact), February's credit (another period's), and the late breach.
 */
const at = (position: number, event: ReportEvent, recordedAt = '2027-02-01T12:00:00Z'): PositionedEvent => ({ position, recordedAt, event });
const t2Debit = accountEvents.at(-1)!;
const february = { type: 'MonthlyPlanCredited', data: { period: '2027-02', lotId: 'plan-2027-02', minutes: 180, creditedAt: '2027-02-01T03:00:00Z', expiresAt: '2028-02-01T03:00:00Z' } };
const t3Breach = ticketThree.find((e) => e.type === 'SlaBreached')!;
const ISSUED = 100;

const timeline: ReportTimeline = {
  period: '2027-01',
  account: [...accountEvents.slice(0, -1).map((e, i) => at(i + 1, e)), at(101, t2Debit, '2027-02-03T12:00:00Z'), at(102, february)],
  tickets: [
    ticketOne.map((e, i) => at(20 + i, e)),
    ticketTwo.map((e, i) => at(30 + i, e)),
    [...ticketThree.filter((e) => e !== t3Breach).map((e, i) => at(50 + i, e)), at(103, t3Breach, '2027-02-04T12:00:00Z')],
  ],
};

describe('a period reported as issued and as corrected', () => {
  const asIssued = () => reportKnownAt(timeline, ISSUED);
  const asCorrected = () => reportKnownAt(timeline, 103);

  it('as issued, shows t2 ended without its debit, and no breach of t3', () => {
    const t2 = asIssued().tickets.items.find((t) => t.ticketId === 't2')!;
    expect(t2.debit).to.equal(null);
    expect(asIssued().sla.deliveryPromise.breached).to.equal(0);
  });

  it('as corrected, shows the late debit and the late breach', () => {
    expect(asCorrected().tickets.items.find((t) => t.ticketId === 't2')!.debit!.coveredMinutes).to.equal(515);
    expect(asCorrected().sla.deliveryPromise.breached).to.equal(1);
  });

  it('lists the facts recorded after the issue that changed the report, and not another period\'s credit', () => {
    const facts = correctionsSince(timeline, ISSUED, 103);
    expect(facts.map((f) => [f.position, f.type, f.ticketId, f.ticketNumber, f.recordedAt])).to.deep.equal([
      [101, 'TicketDebited', 't2', 1042, '2027-02-03T12:00:00Z'],
      [103, 'SlaBreached', 't3', null, '2027-02-04T12:00:00Z'],
    ]);
    expect(facts[0]!.ticketTitle).to.equal('Integração com o ERP');
  });

  it('differs from the issued report exactly by those corrections', () => {
    const facts = correctionsSince(timeline, ISSUED, 103);
    const byFacts = facts.flatMap((f) => f.changes).map((c) => c.path).sort();
    expect(diffReports(asIssued(), asCorrected()).map((c) => c.path).sort()).to.deep.equal(byFacts);
    expect(byFacts).to.include.members(['closingBalance', 'tickets.coveredMinutes', 'tickets.shortfallMinutes', 'sla.deliveryPromise.breached']);
    expect(facts[0]!.changes).to.deep.include({ path: 'closingBalance', before: 515, after: 0 });
  });

  it('has nothing to correct when nothing concerning the period was recorded since', () => {
    expect(correctionsSince(timeline, 103, 103)).to.deep.equal([]);
  });
});
