import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { SqliteEventStore, type EventStore } from '#eventstore';
import type { CommandContext } from '#platform';
import { TICKET_NUMBER_STREAM } from '../domain/ticket/ticket-numbering.js';
import { TicketNumbers } from './ticket-numbers.js';

const clock = { now: () => Temporal.Instant.from('2026-11-02T12:00:00Z') };
const context = (commandId: string): CommandContext => ({ actor: 'system', role: 'system', correlationId: commandId, commandId });

describe('TicketNumbers: the installation sequence on a real SQLite store', () => {
  let dir: string;
  let store: EventStore;
  let numbers: TicketNumbers;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourbank-numbers-'));
    store = await SqliteEventStore.open(join(dir, 'events.sqlite'));
    numbers = new TicketNumbers(store, clock);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sequenceLength = async () => {
    let n = 0;
    for await (const _e of store.readStream(TICKET_NUMBER_STREAM)) n++;
    return n;
  };

  it('gives 40 tickets numbered at the same time the numbers 1 to 40, each once', async () => {
    const tickets = Array.from({ length: 40 }, (_, i) => `t-${i}`);
    const given = await Promise.all(tickets.map((t) => numbers.numberFor(t, 0, context(`numbering:${t}`))));
    expect([...given].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await sequenceLength()).to.equal(40);
  });

  it('gives a ticket numbered again (a redelivery after a crash) the number it already took', async () => {
    const first = await numbers.numberFor('t-a', 0, context('run-1'));
    await numbers.numberFor('t-b', 0, context('run-2'));
    expect(await numbers.numberFor('t-a', 0, context('run-3'))).to.equal(first);
    expect(await sequenceLength()).to.equal(2);
  });

  it('gives one number to one ticket numbered twice at the same time', async () => {
    const [a, b] = await Promise.all([numbers.numberFor('t-x', 0, context('w-1')), numbers.numberFor('t-x', 0, context('w-2'))]);
    expect(a).to.equal(b);
    expect(await sequenceLength()).to.equal(1);
  });
});
