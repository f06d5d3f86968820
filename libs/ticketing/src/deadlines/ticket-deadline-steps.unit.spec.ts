import { expect } from 'chai';
import { Temporal } from 'temporal-polyfill';
import { defaultCalendar } from '#calendar';
import type { RecordedEvent } from '#kernel';
import type { DueItemChange } from '#projections';
import type { TicketEvent } from '../domain/ticket/events.js';
import type { TicketState } from '../domain/ticket/state.js';
import { ticketDecider } from '../domain/ticket/ticket-decider.js';
import { type TicketStep, TicketSteps } from './ticket-deadline-steps.js';

/** São Paulo wall-clock times, November 2026 (the 20th is a holiday); the calendar works 09:00–18:00. */
const calendar = defaultCalendar('sp');
const iso = (local: string) => Temporal.PlainDateTime.from(local).toZonedDateTime('America/Sao_Paulo').toInstant().toString();
const T = 'tk-1';
const A = 'acc-1';

const opened = (local: string): TicketEvent => ({ type: 'TicketOpened', data: {
  ticketId: T, accountId: A, title: 't', description: 'd', category: 'support', participants: [], firstResponseBusinessMinutes: 240,
  openedBy: 'client', openedAt: iso(local) } });
const estimated = (local: string, expected: string, approvalRequired = false): TicketEvent => ({ type: 'TicketEstimated', data: {
  ticketId: T, accountId: A, estimatedMinutes: 120, expectedDeliveryAt: iso(expected), availableMinutes: approvalRequired ? 0 : 500,
  approvalRequired, estimatedAt: iso(local) } });
const asked = (local: string): TicketEvent => ({ type: 'ClarificationRequested', data: { ticketId: T, question: 'q', requestedAt: iso(local) } });
const answered = (local: string): TicketEvent => ({ type: 'ClarificationProvided', data: { ticketId: T, answer: 'a', providedAt: iso(local) } });
const approved = (local: string): TicketEvent => ({ type: 'EstimateApproved', data: {
  ticketId: T, accountId: A, estimatedMinutes: 120, approvedBy: 'client', approvedAt: iso(local) } });
const delivered = (local: string): TicketEvent => ({ type: 'TicketDelivered', data: { ticketId: T, summary: 's', deliveredAt: iso(local) } });
const revision = (local: string): TicketEvent => ({ type: 'RevisionRequested', data: { ticketId: T, reason: 'r', requestedAt: iso(local) } });
const breached = (kind: 'firstResponse' | 'deliveryPromise', due: string): TicketEvent => ({ type: 'SlaBreached', data: { ticketId: T, kind, dueAt: iso(due) } });
const closed = (): TicketEvent => ({ type: 'TicketClosed', data: { ticketId: T, closedBy: 'client', closedAt: iso('2026-11-30T10:00') } } as unknown as TicketEvent);

/** The steps TicketDeadlines would note for these events (each with the time it happened). */
const stepsOf = (timeline: readonly [string, TicketEvent][]): TicketStep[] => {
  let state: TicketState = ticketDecider.initialState();
  return timeline.flatMap(([local, event], i) => {
    const before = state;
    state = ticketDecider.evolve(state, event);
    if (state.status === 'notOpened') return [];
    const first = before.status === 'notOpened';
    const recorded = { id: `ev-${i}`, position: i, metadata: { correlationId: `c-${i}`, occurredAt: iso(local) } } as unknown as RecordedEvent;
    const slaChanged = first || before.sla !== state.sla;
    const autoCloseChanged = first || before.status !== state.status || before.deliveredAt !== state.deliveredAt;
    return slaChanged || autoCloseChanged ? [{ recorded, state, calendar, slaChanged, autoCloseChanged }] : [];
  });
};

type Table = Map<string, { dueAt: string; payload: string }>;
const applyTo = (table: Table, changes: readonly DueItemChange[]) => {
  for (const change of changes) {
    if ('cancel' in change) table.delete(change.cancel);
    else table.set(change.upsert.key, { dueAt: change.upsert.dueAt, payload: JSON.stringify(change.upsert.payload) });
  }
};

/** Runs the steps in batches cut at `cuts`, each batch taken whole, and returns the items and the keys after. */
const inBatches = (steps: readonly TicketStep[], cuts: readonly number[]) => {
  const table: Table = new Map();
  let keys: readonly string[] = [];
  const bounds = [0, ...cuts, steps.length];
  for (let b = 1; b < bounds.length; b++) {
    const batch = new TicketSteps(keys, steps.slice(bounds[b - 1], bounds[b]), 5);
    if (batch.steps.length === 0) continue;
    applyTo(table, batch.changesOfBatch());
    keys = batch.keysAt(batch.steps.length).map(({ key }) => key);
  }
  return { items: Object.fromEntries(table), keys };
};

const eventByEvent = (steps: readonly TicketStep[]) => {
  const whole = new TicketSteps([], steps, 5);
  const table: Table = new Map();
  applyTo(table, whole.changesPerStep());
  return { items: Object.fromEntries(table), keys: whole.keysAt(steps.length).map(({ key }) => key) };
};

const timelines: Record<string, [string, TicketEvent][]> = {
  'a wait on the client at night (the promise key leaves and comes back unchanged), a revision, a close': [
    ['2026-11-16T10:00', opened('2026-11-16T10:00')], ['2026-11-16T11:00', estimated('2026-11-16T11:00', '2026-11-18T12:00')],
    ['2026-11-16T20:00', asked('2026-11-16T20:00')], ['2026-11-16T21:00', answered('2026-11-16T21:00')],
    ['2026-11-17T10:00', delivered('2026-11-17T10:00')], ['2026-11-17T11:00', revision('2026-11-17T11:00')],
    ['2026-11-17T15:00', delivered('2026-11-17T15:00')], ['2026-11-18T09:00', closed()],
  ],
  'an estimate waiting for approval, a wait in business hours, a delivery left waiting for its auto-close': [
    ['2026-11-13T17:00', opened('2026-11-13T17:00')], ['2026-11-16T09:30', asked('2026-11-16T09:30')],
    ['2026-11-16T11:00', answered('2026-11-16T11:00')], ['2026-11-16T12:00', estimated('2026-11-16T12:00', '2026-11-19T12:00', true)],
    ['2026-11-16T15:00', approved('2026-11-16T15:00')], ['2026-11-17T10:00', asked('2026-11-17T10:00')],
    ['2026-11-17T14:00', answered('2026-11-17T14:00')], ['2026-11-19T10:00', delivered('2026-11-19T10:00')],
  ],
  'a late first response, still to be recorded, then recorded': [
    ['2026-11-13T17:00', opened('2026-11-13T17:00')], ['2026-11-16T13:00', estimated('2026-11-16T13:00', '2026-11-18T12:00')],
    ['2026-11-16T13:05', breached('firstResponse', '2026-11-16T12:00')], ['2026-11-18T15:00', delivered('2026-11-18T15:00')],
  ],
};

describe('TicketSteps: a batch taken whole gives what its events give one by one', () => {
  for (const [name, timeline] of Object.entries(timelines)) {
    it(`${name}: for every prefix of it and every way of cutting that into one, two or three batches`, () => {
      const all = stepsOf(timeline);
      let compared = 0;
      for (let n = 1; n <= all.length; n++) {
        const steps = all.slice(0, n);
        const expected = eventByEvent(steps);
        compared += Object.keys(expected.items).length;
        for (let i = 0; i <= n; i++) {
          for (let j = i; j <= n; j++) expect(inBatches(steps, [i, j]), `${n} steps cut at ${i} and ${j}`).to.deep.equal(expected);
        }
      }
      expect(compared, 'the story has items to compare').to.be.above(0);
    });
  }

  it('inserts a key that came back within the batch with the cause of its return', () => {
    const steps = stepsOf(timelines['a wait on the client at night (the promise key leaves and comes back unchanged), a revision, a close']!.slice(0, 4));
    const whole = new TicketSteps([], steps, 5);
    const upserts = whole.changesOfBatch().flatMap((c) => ('upsert' in c ? [c.upsert] : []));
    const promise = upserts.find((item) => item.key.includes(':deliveryPromise:'));
    expect(promise?.payload).to.deep.include({ cause: { id: 'ev-3', correlationId: 'c-3' } });
  });
});
