import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { SqliteEventStore } from '#eventstore';
import type { CommandBus } from '@nestjs/cqrs';
import { AccountCalendars, AccountPipeline, AccountSnapshots, CalendarBook, DueTicketClosesFromStreams, StreamReader, accountSnapshotReactor } from '#hour-bank';
import { CommandPipeline } from '#platform';
import { ReactorRunner, openReadModelDatabase } from '#projections';
import { envInt, median } from './bench-kit.js';
import { HistoryWriter } from './rebuild.bench-history.js';

const waitUntil = async (done: () => Promise<boolean>) => {
  while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 10));
};

/**
 * (b) Latency of one account command (ReserveForTicket through the AccountPipeline, appending an event each time)
 * on an account with BENCH_LATENCY_YEARS of history (default 5) against a new account, medians over
 * BENCH_LATENCY_RUNS (default 400) alternating runs; with snapshots (the snapshot reactor running) and without.
 */
export async function runCommandLatencyBench(): Promise<void> {
  const years = envInt('BENCH_LATENCY_YEARS', 5);
  const runs = envInt('BENCH_LATENCY_RUNS', 400);
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-bench-latency-'));
  try {
    const loader = SqliteEventStore.open(join(dir, 'events.sqlite'), { writer: 'inline' });
    await new HistoryWriter(loader).write({ accounts: 1, months: years * 12, ticketsPerMonth: 4, firstPeriod: '2021-01' });
    await loader.close();
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    const now = Temporal.Instant.from(`${2021 + years}-01-15T12:00:00Z`);
    const clock = { now: () => now };
    const db = openReadModelDatabase(join(dir, 'readmodels.sqlite'));
    const snapshots = new AccountSnapshots(db);
    const reactor = new ReactorRunner(accountSnapshotReactor(store, snapshots), store, db);
    await reactor.start();
    const pipeline = new CommandPipeline(store, clock);
    const calendars = new AccountCalendars(store, new CalendarBook(new StreamReader(store)));
    const noBus = { execute: async () => undefined } as unknown as CommandBus;
    const withSnapshots = new AccountPipeline(pipeline, calendars, noBus, new DueTicketClosesFromStreams(store, snapshots), snapshots);
    const without = new AccountPipeline(pipeline, calendars, noBus, new DueTicketClosesFromStreams(store));
    let sequence = 0;
    const context = () => ({ actor: 'bench', role: 'system' as const, correlationId: 'bench', commandId: `latency-${++sequence}` });
    await withSnapshots.run({ accountId: 'fresh', context: context(), creates: true, build: (n) => ({ type: 'OpenAccount', now: n, data: { accountId: 'fresh', clientName: 'Nova', plan: { code: 'START', monthlyMinutes: 180, firstResponseBusinessMinutes: 240, catalogVersion: 1 }, firstPeriod: `${2021 + years}-01`, timeZone: 'America/Sao_Paulo', calendarId: 'br-national', overageRateCentsPerHour: 15000 } }) });
    const history = (await withSnapshots.run({ accountId: 'acc0', context: context(), build: (n) => ({ type: 'ExpireLots', now: n, data: {} }) })).revision + 1;
    const timed = async (accountPipeline: AccountPipeline, accountId: string): Promise<number> => {
      const started = process.hrtime.bigint();
      await accountPipeline.run({ accountId, context: context(), build: (n) => ({ type: 'ReserveForTicket', now: n, data: { ticketId: 'bench', minutes: 10 + (sequence % 7) } }) });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const samples = { fresh: [] as number[], old: [] as number[], oldWithout: [] as number[] };
    for (let i = 0; i < runs; i++) {
      samples.fresh.push(await timed(withSnapshots, 'fresh'));
      samples.old.push(await timed(withSnapshots, 'acc0'));
      samples.oldWithout.push(await timed(without, 'acc0'));
      if (i % 50 === 49) await waitUntil(async () => (await reactor.status()).lag === 0);
    }
    await reactor.stop();
    const [fresh, old, oldWithout] = [median(samples.fresh), median(samples.old), median(samples.oldWithout)];
    console.log(`\ncommand latency: ReserveForTicket through the AccountPipeline, ${runs} runs each, medians (account stream of ${history}+ events)`);
    console.log(`  new account                     ${fresh.toFixed(3)} ms`);
    console.log(`  ${years}-year account, snapshots     ${old.toFixed(3)} ms   ratio ${(old / fresh).toFixed(2)}× (target ≤ 1.5×)`);
    console.log(`  ${years}-year account, no snapshots  ${oldWithout.toFixed(3)} ms   ratio ${(oldWithout / fresh).toFixed(2)}×`);
    db.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
