import { expect } from 'chai';
import { DeciderSpecification } from '#testing';
import { ticketDecider } from '../ticket/ticket-decider.js';
import { at, atRisk, calendar, estimated, event, iso, opened, rules } from '../ticket/ticket.fixtures.js';
import { slaRisks } from './sla-risk.js';
import { fold } from '#kernel';
import type { OpenedTicket } from '../ticket/state.js';

const spec = DeciderSpecification.for(ticketDecider);
const record = (kind: 'firstResponse' | 'deliveryPromise', local: string) => ({ type: 'RecordSlaAtRisk' as const, data: { kind }, now: at(local), rules });
const ticket = (events: Parameters<typeof fold>[1]) => fold(ticketDecider, events as never) as OpenedTicket;

describe('SLA at risk: a running timer at 80 % of its target, alerted once', () => {
  // Opened Monday 10:00, START (240 business minutes): due 14:00, at risk after 192 minutes, at 13:12.
  it('is recorded at the instant the first response reaches 80 %', () =>
    spec([opened()]).when(record('firstResponse', '2026-11-16T13:12')).then([atRisk('firstResponse', '2026-11-16T13:12', '2026-11-16T14:00')]));

  it('is refused a moment before', () => spec([opened()]).when(record('firstResponse', '2026-11-16T13:11')).thenThrows('SLA_NOT_AT_RISK_YET'));

  it('is not recorded twice', () =>
    spec([opened(), atRisk('firstResponse', '2026-11-16T13:12', '2026-11-16T14:00')]).when(record('firstResponse', '2026-11-16T13:30')).thenNothingHappens());

  it('is not due for a timer stopped in time', () =>
    expect(slaRisks(ticket([opened(), event.clarificationRequested('2026-11-16T12:00')]), calendar)).to.deep.equal([]));

  it('comes before a stop at the very instant it is due (time-triggered facts first)', () =>
    expect(slaRisks(ticket([opened(), event.clarificationRequested('2026-11-16T13:12')]), calendar).map((r) => r.kind)).to.deep.equal(['firstResponse']));

  it('waits for the client while a wait that began before it is open: the instant moves', () => {
    // Estimated Monday 11:00 for Wednesday 12:00 (1140 business minutes): at risk Tuesday 17:12 unless the client is awaited.
    const waiting = ticket([opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00'), event.clarificationRequested('2026-11-17T10:00')]);
    expect(slaRisks(waiting, calendar).filter((r) => r.kind === 'deliveryPromise')).to.deep.equal([]);
    const answered = ticket([opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00'), event.clarificationRequested('2026-11-17T10:00'), event.clarificationProvided('2026-11-17T12:00')]);
    const [risk] = slaRisks(answered, calendar).filter((r) => r.kind === 'deliveryPromise');
    expect(risk!.atRiskAt.toString()).to.equal(iso('2026-11-18T10:12')); // two business hours of waiting: Tuesday 17:12 → Wednesday 10:12
  });

  it('is alerted again for a new promise (a re-estimate before delivery)', () => {
    const first = atRisk('deliveryPromise', '2026-11-17T17:12', '2026-11-18T12:00');
    const state = ticket([opened(), estimated('2026-11-16T11:00', '2026-11-18T12:00'), first, estimated('2026-11-17T18:00', '2026-11-25T12:00')]);
    expect(slaRisks(state, calendar).map((r) => r.kind)).to.deep.equal(['deliveryPromise']);
  });

  it('is never due on a ticket that has ended', () =>
    expect(slaRisks(ticket([opened(), event.cancelled('2026-11-16T15:00')]), calendar)).to.deep.equal([]));

});
