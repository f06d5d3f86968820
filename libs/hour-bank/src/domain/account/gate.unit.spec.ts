import { expect } from 'chai';
import { fold } from '#kernel';
import { DeciderSpecification } from '#testing';
import type { AccountEvent } from './account-events.js';
import { accountDecider } from './account-decider.js';
import type { GateEstimate } from './account-commands.js';
import { availableMinutes } from './account-queries.js';
import { at, calendar, debited, february, january, opened } from './account-fixtures.js';

const spec = DeciderSpecification.for(accountDecider);
const now = '2026-01-10T12:00:00Z';
const gate = (ticketId: string, minutes: number, ticketRevision = 2, estimateId = `${ticketId}-e1`, when = now): GateEstimate =>
  ({ type: 'GateEstimate', data: { ticketId, estimateId, minutes, ticketRevision }, now: at(when), calendar });
const gated = (ticketId: string, minutes: number, available: number, ticketRevision = 2, estimateId = `${ticketId}-e1`, when = now): AccountEvent => ({
  type: 'EstimateGated',
  data: { ticketId, estimateId, minutes, availableMinutes: available, approvalRequired: minutes > available, ticketRevision, gatedAt: when },
});
const confirmed = (ticketId: string, minutes: number, ticketRevision: number): AccountEvent => ({
  type: 'MinutesReservedForTicket',
  data: { ticketId, minutes, reservedAt: now, ticketRevision, estimateId: `${ticketId}-e1` },
});

describe('account: the approval gate', () => {
  it('authorizes an estimate within the available minutes (equal is authorized) and holds it', () =>
    spec([opened, january]).when(gate('T1', 180)).then([gated('T1', 180, 180)]));

  it('sends an estimate over the available minutes to approval, and holds it all the same', () =>
    spec([opened, january]).when(gate('T1', 181)).then([gated('T1', 181, 180)]));

  it('decides the second of two estimates against what the first holds: they cannot both see 180', () =>
    spec([opened, january, gated('T1', 100, 180)]).when(gate('T2', 100)).then([gated('T2', 100, 80)]));

  it("does not count the ticket's own reservation or gate against its re-estimate", () =>
    spec([opened, january, confirmed('T1', 100, 3)]).when(gate('T1', 150, 4, 'T1-e2')).then([gated('T1', 150, 180, 4, 'T1-e2')]));

  it('counts the credit already due, written first when the scheduler is late', () =>
    spec([opened, january]).when(gate('T1', 300, 2, 'T1-e1', '2026-02-03T12:00:00Z')).then([february, gated('T1', 300, 360, 2, 'T1-e1', '2026-02-03T12:00:00Z')]));

  it('does nothing for a gate already recorded', () => spec([opened, january, gated('T1', 100, 180)]).when(gate('T1', 100)).thenNothingHappens());

  it('refuses a debited ticket', () =>
    spec([opened, january, debited('T1', now, { minutes: 0, covered: 0, shortfall: 0, period: '2026-01', paidBy: [] })])
      .when(gate('T1', 10)).thenThrows('TICKET_ALREADY_DEBITED'));
});

describe('account: what a gate holds until it is settled', () => {
  it('a voided gate frees its minutes (the compensation when the ticket could not record it)', () => {
    spec([opened, january, gated('T1', 100, 180)])
      .when({ type: 'VoidEstimateGate', data: { ticketId: 'T1', estimateId: 'T1-e1' }, now: at(now), calendar })
      .then([{ type: 'EstimateGateVoided', data: { ticketId: 'T1', estimateId: 'T1-e1', minutes: 100, voidedAt: now } }]);
    const voided: AccountEvent = { type: 'EstimateGateVoided', data: { ticketId: 'T1', estimateId: 'T1-e1', minutes: 100, voidedAt: now } };
    expect(availableMinutes(fold(accountDecider, [opened, january, gated('T1', 100, 180), voided]), at(now), 'T9')).to.equal(180);
  });

  it('voiding an unknown gate does nothing', () =>
    spec([opened, january]).when({ type: 'VoidEstimateGate', data: { ticketId: 'T1', estimateId: 'x' }, now: at(now), calendar }).thenNothingHappens());

  it('the reservation that follows the ticket event settles the gates decided before it', () => {
    const state = fold(accountDecider, [opened, january, gated('T1', 100, 180, 2), confirmed('T1', 100, 3)]);
    expect(state.status !== 'unopened' && state.heldEstimates?.T1).to.equal(undefined);
    expect(availableMinutes(state, at(now), 'T9')).to.equal(80);
  });

  it('while two gates of one ticket are open, the larger counts; a later ticket event settles both', () => {
    const both = [opened, january, gated('T1', 100, 180, 2, 'a'), gated('T1', 150, 180, 2, 'b')];
    expect(availableMinutes(fold(accountDecider, both), at(now), 'T9')).to.equal(30);
    expect(availableMinutes(fold(accountDecider, [...both, confirmed('T1', 150, 3)]), at(now), 'T9')).to.equal(30);
  });

  it('a gate decided after the ticket event it follows stays open', () => {
    const state = fold(accountDecider, [opened, january, confirmed('T1', 100, 3), gated('T1', 40, 180, 5, 'later')]);
    expect(availableMinutes(state, at(now), 'T9')).to.equal(80); // max(100 reserved, 40 gated)
  });

  it('the debit ends what the ticket held', () => {
    const end = debited('T1', now, { minutes: 10, covered: 10, shortfall: 0, period: '2026-01', paidBy: [{ lotId: 'plan-2026-01', minutes: 10 }] });
    expect(availableMinutes(fold(accountDecider, [opened, january, gated('T1', 100, 180), end]), at(now), 'T9')).to.equal(170);
  });
});
