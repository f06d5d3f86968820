import { expect } from 'chai';
import { fold } from '#kernel';
import type { TicketEvent } from '../ticket/events.js';
import { ticketDecider } from '../ticket/ticket-decider.js';
import { at, calendar, estimated, event, iso, opened } from '../ticket/ticket.fixtures.js';
import { slaTimers, type SlaTimer } from './sla-timers.js';

const timers = (events: TicketEvent[], now: string) => slaTimers(fold(ticketDecider, events), calendar, at(now));
const firstResponse = (events: TicketEvent[], now: string): SlaTimer => timers(events, now).firstResponse!;
const promise = (events: TicketEvent[], now: string): SlaTimer => timers(events, now).deliveryPromise!;

// All times São Paulo wall clock, Mon–Fri 09:00–18:00; Fri 13 and Mon 16 Nov 2026 are business days, Fri 20 Nov a holiday.
describe('first-response due time (opened + plan target in business time)', () => {
  const cases = [
    { plan: 'START', target: 240, opened: '2026-11-13T17:00', due: '2026-11-16T12:00', why: 'Fri 60 + Mon 180' },
    { plan: 'BASIC', target: 180, opened: '2026-11-16T10:00', due: '2026-11-16T13:00', why: 'same day' },
    { plan: 'ADVANCED', target: 120, opened: '2026-11-19T17:00', due: '2026-11-23T10:00', why: 'Thu 60, holiday Fri, Mon 60' },
    { plan: 'START', target: 240, opened: '2026-11-14T10:00', due: '2026-11-16T13:00', why: 'opened on Saturday' },
    { plan: 'CUSTOM', target: 120, opened: '2026-11-16T16:00', due: '2026-11-16T18:00', why: 'exactly fills the day' },
  ];
  for (const c of cases) {
    it(`${c.plan} opened ${c.opened} is due ${c.due} (${c.why})`, () =>
      expect(firstResponse([opened(c.opened, { firstResponseBusinessMinutes: c.target })], c.opened).dueAt).to.equal(iso(c.due)));
  }
});

describe('first-response timer of a START ticket opened Friday 17:00 (due Monday 12:00)', () => {
  const start = () => [opened('2026-11-13T17:00')];
  const cases = [
    { now: '2026-11-14T12:00', elapsed: 60, remaining: 180, atRisk: false, status: 'running' },
    { now: '2026-11-16T11:11', elapsed: 191, remaining: 49, atRisk: false, status: 'running' },
    { now: '2026-11-16T11:12', elapsed: 192, remaining: 48, atRisk: true, status: 'running' },
    { now: '2026-11-16T12:00', elapsed: 240, remaining: 0, atRisk: true, status: 'running' },
    { now: '2026-11-16T12:01', elapsed: 241, remaining: 0, atRisk: false, status: 'breached' },
  ];
  for (const c of cases) {
    it(`at ${c.now}: ${c.elapsed} elapsed, ${c.remaining} remaining, ${c.status}${c.atRisk ? ', at risk' : ''}`, () =>
      expect(firstResponse(start(), c.now)).to.deep.equal({
        kind: 'firstResponse', dueAt: iso('2026-11-16T12:00'), targetMinutes: 240, elapsedMinutes: c.elapsed,
        remainingMinutes: c.remaining, paused: false, atRisk: c.atRisk, status: c.status,
      }));
  }

  const endings: Array<{ by: string; events: TicketEvent[]; status: string }> = [
    { by: 'a clarification request at the due time', events: [event.clarificationRequested('2026-11-16T12:00')], status: 'met' },
    { by: 'an estimate a minute late', events: [estimated('2026-11-16T12:01', '2026-11-18T12:00')], status: 'breached' },
    { by: 'an escalation', events: [event.escalated('2026-11-16T10:00')], status: 'met' },
    { by: 'a cancellation by staff', events: [event.cancelled('2026-11-16T10:00', 'agent')], status: 'met' },
    { by: 'the client’s own cancellation', events: [event.cancelled('2026-11-16T10:00', 'client')], status: 'stopped' },
    { by: 'the client’s cancellation after the due time', events: [event.cancelled('2026-11-16T13:00', 'client')], status: 'breached' },
    {
      by: 'a clarification, not the later estimate',
      events: [event.clarificationRequested('2026-11-16T10:00'), event.clarificationProvided('2026-11-16T11:00'), estimated('2026-11-16T14:00', '2026-11-18T12:00')],
      status: 'met',
    },
  ];
  for (const c of endings) {
    it(`is ${c.status} when stopped by ${c.by}`, () =>
      expect(firstResponse([...start(), ...c.events], '2026-11-17T12:00').status).to.equal(c.status));
  }

  it('stops counting at the first response', () =>
    expect(firstResponse([...start(), event.clarificationRequested('2026-11-16T10:00')], '2026-11-17T12:00'))
      .to.include({ elapsedMinutes: 120, remainingMinutes: 120, atRisk: false }));
});

// Estimated Monday 16 10:00 for Wednesday 18 12:00: target 480 + 540 + 180 = 1200 business minutes.
describe('delivery promise due time (expected delivery moved by business time waiting on the client)', () => {
  const base = () => [opened('2026-11-16T09:00')];
  const plain = () => [...base(), estimated('2026-11-16T10:00', '2026-11-18T12:00')];
  const needsApproval = () => [...base(), estimated('2026-11-16T10:00', '2026-11-18T12:00', 600, 100)];
  const cases: Array<{ story: string; events: TicketEvent[]; due: string }> = [
    { story: 'no waiting', events: plain(), due: '2026-11-18T12:00' },
    {
      story: 'a clarification Tue 16:00 → Wed 10:00 (120 + 60)',
      events: [...plain(), event.clarificationRequested('2026-11-17T16:00'), event.clarificationProvided('2026-11-18T10:00')],
      due: '2026-11-18T15:00',
    },
    { story: 'an approval Mon 10:00 → 14:00 (240)', events: [...needsApproval(), event.approved('2026-11-16T14:00', 600)], due: '2026-11-18T16:00' },
    {
      story: 'a clarification over the weekend and a holiday, Thu 17:00 → Mon 10:00 (60 + 60)',
      events: [...base(), estimated('2026-11-16T10:00', '2026-11-23T12:00'), event.clarificationRequested('2026-11-19T17:00'), event.clarificationProvided('2026-11-23T10:00')],
      due: '2026-11-23T14:00',
    },
    {
      story: 'a clarification before the estimate (not counted)',
      events: [...base(), event.clarificationRequested('2026-11-16T09:30'), event.clarificationProvided('2026-11-16T09:50'), estimated('2026-11-16T10:00', '2026-11-18T12:00')],
      due: '2026-11-18T12:00',
    },
    {
      story: 'an approval wait before a re-estimate (only the latest estimate counts)',
      events: [...needsApproval(), estimated('2026-11-16T14:00', '2026-11-18T12:00', 90, 100)],
      due: '2026-11-18T12:00',
    },
    { story: 'a later re-estimate', events: [...plain(), estimated('2026-11-17T10:00', '2026-11-19T12:00')], due: '2026-11-19T12:00' },
    {
      story: 'a re-estimate after the first delivery (not counted)',
      events: [...plain(), event.delivered('2026-11-17T16:00'), event.revisionRequested('2026-11-17T17:00'), estimated('2026-11-18T10:00', '2026-11-19T12:00')],
      due: '2026-11-18T12:00',
    },
    {
      story: 'a wait that begins after the due time (cannot repair the promise)',
      events: [...plain(), event.clarificationRequested('2026-11-18T14:00'), event.clarificationProvided('2026-11-18T16:00')],
      due: '2026-11-18T12:00',
    },
  ];
  for (const c of cases) {
    it(`is ${c.due} after ${c.story}`, () => expect(promise(c.events, '2026-11-25T12:00').dueAt).to.equal(iso(c.due)));
  }
});

describe('delivery promise timer', () => {
  const plain = () => [opened('2026-11-16T09:00'), estimated('2026-11-16T10:00', '2026-11-18T12:00')];
  const clarified = () => [...plain(), event.clarificationRequested('2026-11-17T16:00'), event.clarificationProvided('2026-11-18T10:00')];

  it('is paused while waiting on the client, its due time moving with the wait', () =>
    expect(promise([...plain(), event.clarificationRequested('2026-11-17T16:00')], '2026-11-18T10:00')).to.deep.equal({
      kind: 'deliveryPromise', dueAt: iso('2026-11-18T15:00'), targetMinutes: 1200, elapsedMinutes: 900,
      remainingMinutes: 300, paused: true, atRisk: false, status: 'running',
    }));

  it('stays paused, never breached, while the wait lasts, also after business hours', () => {
    // Estimated on Saturday for Monday 08:00, over the balance: the approval wait starts with the promise, with no
    // business time left before it. On Monday at 20:00 the moved due is Monday 18:00, yet the client still has the word.
    const waiting = [opened('2026-11-13T17:00'), estimated('2026-11-14T10:00', '2026-11-16T08:00', 600, 100)];
    expect(promise(waiting, '2026-11-16T20:00')).to.include({ status: 'running', paused: true });
    expect(promise(waiting, '2026-11-21T10:00')).to.include({ status: 'running', paused: true });
  });

  it('is met by a delivery at the moved due time', () =>
    expect(promise([...clarified(), event.delivered('2026-11-18T15:00')], '2026-11-25T12:00').status).to.equal('met'));

  it('is breached by a delivery a minute after it', () =>
    expect(promise([...clarified(), event.delivered('2026-11-18T15:01')], '2026-11-25T12:00').status).to.equal('breached'));

  it('is met by the first delivery even when a revision follows', () =>
    expect(promise([...plain(), event.delivered('2026-11-17T16:00'), event.revisionRequested('2026-11-18T10:00')], '2026-11-25T12:00').status)
      .to.equal('met'));

  it('is stopped by a rejection', () =>
    expect(promise([opened('2026-11-16T09:00'), estimated('2026-11-16T10:00', '2026-11-18T12:00', 600, 100), event.rejected('2026-11-16T14:00')], '2026-11-25T12:00').status)
      .to.equal('stopped'));

  it('is stopped by an escalation', () =>
    expect(promise([...plain(), event.escalated('2026-11-17T10:00')], '2026-11-25T12:00').status).to.equal('stopped'));

  it('is stopped by a cancellation', () =>
    expect(promise([...plain(), event.cancelled('2026-11-17T10:00')], '2026-11-25T12:00').status).to.equal('stopped'));

  it('is at risk from 80 % of the target (960 of 1200 minutes: Mon 480 + Tue 480, Tuesday 17:00)', () => {
    expect(promise(plain(), '2026-11-17T16:59').atRisk).to.equal(false);
    expect(promise(plain(), '2026-11-17T17:00').atRisk).to.equal(true);
  });

  it('is breached once the due time has passed undelivered', () =>
    expect(promise(plain(), '2026-11-18T12:01').status).to.equal('breached'));

  it('does not exist before an estimate', () => expect(timers([opened()], '2026-11-16T12:00').deliveryPromise).to.equal(undefined));
});
