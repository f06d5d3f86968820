import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { SqliteEventStore } from '#eventstore';
import { type DomainEvent, fold } from '#kernel';
import { accountCodec, accountDecider } from '#hour-bank';
import { ticketCodec, ticketDecider } from '#ticketing';
import { envInt, median } from './bench-kit.js';
import { HistoryWriter } from './rebuild.bench-history.js';

const SIZES = [10, 1000, 10_000];

async function decoded(store: SqliteEventStore, stream: string, codec: typeof accountCodec, count: number): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  for await (const recorded of store.readStream(stream, { maxCount: count })) events.push(codec.decode(recorded));
  if (events.length < count) throw new Error(`${stream} has ${events.length} events, wanted ${count}`);
  return events;
}

/** Median µs per event of folding `events` whole (the decider's own evolve), over `rounds` runs. */
function microsPerEvent(decider: Parameters<typeof fold>[0], events: readonly DomainEvent[], rounds: number): number {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    fold(decider, events);
    samples.push(((performance.now() - started) * 1000) / events.length);
  }
  return median(samples);
}

/**
 * (e) Folds: the account decider over the first 10, 1,000 and 10,000 events of a busy account's stream (credits,
 * reservations, debits of 5,040 tickets) and the ticket decider over a ticket of as many events (time entries);
 * µs per event, and the cost per event at each size against the 10-event fold of the same run (linear: 1×).
 */
export async function runFoldBench(): Promise<void> {
  const rounds = envInt('BENCH_FOLD_ROUNDS', 7);
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-bench-fold-'));
  try {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'), { writer: 'inline' });
    const writer = new HistoryWriter(store);
    await writer.writeAccount('busy', '2024-01', 12, () => 420);
    await writer.writeLongTicket('busy', 'long', SIZES.at(-1)!, Temporal.Instant.from('2024-12-10T12:00:00Z'));
    console.log(`\nfolds: µs per event, medians of ${rounds}; cost per event against the 10-event fold (linear: 1×)`);
    for (const [name, stream, decider, codec] of [
      ['account', 'account-busy', accountDecider, accountCodec],
      ['ticket', 'ticket-long', ticketDecider, ticketCodec],
    ] as const) {
      const figures: number[] = [];
      for (const size of SIZES) {
        const events = await decoded(store, stream, codec, size);
        for (let i = 0; i < 3; i++) fold(decider as Parameters<typeof fold>[0], events);
        figures.push(microsPerEvent(decider as Parameters<typeof fold>[0], events, size >= 10_000 ? Math.min(rounds, 3) : rounds));
      }
      console.log(`  ${name.padEnd(8)} ${SIZES.map((size, i) => `${size} events ${figures[i]!.toFixed(2)} µs (${(figures[i]! / figures[0]!).toFixed(1)}×)`).join('   ')}`);
    }
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
