import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { SqliteEventStore } from '#eventstore';
import { type DomainEvent } from '#kernel';
import { accountCodec, accountDecider, type AccountState } from '#hour-bank';
import { ProjectionRunner, openReadModelDatabase } from '#projections';
import { ticketCodec, ticketDecider, type TicketState } from '#ticketing';
import { workerProjections } from '../../apps/worker/src/worker-projections.js';
import { envInt } from './bench-kit.js';
import { HistoryWriter, type HistoryShape } from './rebuild.bench-history.js';

/** Peak resident set since the last reset, from the kernel (sampling would miss peaks inside synchronous work). */
const peakRssMb = (): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;
const resetPeakRss = (): boolean => {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
};

setFlagsFromString('--expose-gc');
/** A full collection between phases, so one phase's garbage is not counted in the next one's peak. */
const collect = runInNewContext('gc') as () => void;
const rssMb = () => process.memoryUsage().rss / 1024 / 1024;

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};

/** Read, decode and evolve every account and open ticket in memory: what a rebuild costs without writing a row. */
const bareFold = async (store: SqliteEventStore): Promise<number> => {
  const accounts = new Map<string, AccountState>();
  const tickets = new Map<string, TicketState>();
  let n = 0;
  for await (const recorded of store.readAll()) {
    n++;
    if (recorded.stream.startsWith('account-')) {
      const state = accounts.get(recorded.stream) ?? accountDecider.initialState();
      accounts.set(recorded.stream, accountDecider.evolve(state, accountCodec.decode(recorded)));
    } else {
      const state = ticketDecider.evolve(tickets.get(recorded.stream) ?? ticketDecider.initialState(), ticketCodec.decode<DomainEvent & never>(recorded));
      // A finished ticket changes no more: dropping it keeps the baseline lean (and so the comparison strict).
      if (state.status === 'closed' || state.status === 'cancelled' || state.status === 'escalated') tickets.delete(recorded.stream);
      else tickets.set(recorded.stream, state);
    }
  }
  return n;
};

const rate = (events: number, s: number) => Math.round(events / s).toLocaleString('en-US').padStart(9);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface Phase {
  readonly name: string;
  /** Events the projection consumed (its filter is applied by the store's query); the log's size for the bare fold. */
  applied: number;
  readonly run: () => Promise<unknown>;
  readonly seconds: number[];
  peakMb: number;
  beforeMb: number;
}

/** Runs one phase after a full collection, with the kernel's high-water mark reset; returns whether it could be reset. */
const measurePhase = async (phase: Phase): Promise<boolean> => {
  collect();
  const before = rssMb();
  const reset = resetPeakRss();
  phase.seconds.push(await seconds(phase.run));
  phase.peakMb = Math.max(phase.peakMb, peakRssMb());
  phase.beforeMb = Math.max(phase.beforeMb, before);
  return reset;
};

/** A generated history is reused when BENCH_STORE_DIR names a directory that already holds one of the same shape. */
const openHistory = async (dir: string, shape: HistoryShape): Promise<SqliteEventStore> => {
  const marker = join(dir, 'shape.json');
  const wanted = JSON.stringify(shape);
  const reuse = existsSync(marker) && readFileSync(marker, 'utf8') === wanted;
  if (!reuse) rmSync(join(dir, 'events.sqlite'), { force: true });
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'), { pageSize: 5000 });
  if (reuse) {
    console.log(`\nrebuild: reusing the history in ${dir}`);
    return store;
  }
  const generation = await seconds(() => new HistoryWriter(store).write(shape));
  writeFileSync(marker, wanted);
  console.log(`\nrebuild: ${shape.accounts} accounts × ${shape.months} months generated in ${generation.toFixed(1)} s`);
  return store;
};

/**
 * (a) Generates BENCH_ACCOUNTS × BENCH_MONTHS of history (default 1,000 × 24, ~1M events), then, for
 * BENCH_REBUILD_ROUNDS rounds (default 3), folds it bare and rebuilds each projection into a fresh read-model
 * database; reports the median of each phase, its ratio to the bare fold's median and the highest peak RSS.
 */
export async function runRebuildBench(): Promise<void> {
  const shape = { accounts: envInt('BENCH_ACCOUNTS', 1000), months: envInt('BENCH_MONTHS', 24), ticketsPerMonth: envInt('BENCH_TICKETS_PER_MONTH', 4) };
  const rounds = envInt('BENCH_REBUILD_ROUNDS', 3);
  const kept = process.env.BENCH_STORE_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'hourbank-bench-rebuild-'));
  mkdirSync(dir, { recursive: true });
  const readModels = join(dir, 'readmodels.sqlite');
  try {
    const store = await openHistory(dir, shape);
    const events = store.headPosition();
    console.log(`  ${events.toLocaleString('en-US')} events; ${rounds} round(s), medians`);
    const only = process.env.BENCH_REBUILD_ONLY?.split(',');
    const freshReadModels = () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(readModels + suffix, { force: true });
      return openReadModelDatabase(readModels);
    };
    const bare: Phase = { name: 'bare fold', applied: events, run: () => bareFold(store), seconds: [], peakMb: 0, beforeMb: 0 };
    const phases: Phase[] = workerProjections({ autoCloseBusinessDays: 5 })
      .filter((p) => !only || only.includes(p.name))
      .map((projection) => {
        const phase: Phase = {
          name: projection.name,
          applied: 0,
          run: async () => {
            const db = freshReadModels();
            try {
              await new ProjectionRunner(projection, store, db).rebuild((progress) => (phase.applied = progress.applied));
            } finally {
              db.close();
            }
          },
          seconds: [],
          peakMb: 0,
          beforeMb: 0,
        };
        return phase;
      });
    let canReset = true;
    for (let round = 0; round < rounds; round++) {
      // The bare fold goes first in even rounds and last in odd ones, so neither side always runs on a warmer process.
      const order = round % 2 === 0 ? [bare, ...phases] : [...phases, bare];
      for (const phase of order) canReset = (await measurePhase(phase)) && canReset;
    }
    const bareSeconds = median(bare.seconds);
    const memory = (phase: Phase) => `peak RSS ${phase.peakMb.toFixed(0)} MB (${phase.beforeMb.toFixed(0)} MB before)`;
    const spread = (phase: Phase) => `[${phase.seconds.map((s) => s.toFixed(2)).join(', ')} s]`;
    console.log(`  bare fold (read + decode + evolve, in memory) ${rate(events, bareSeconds)} ev/s   ${bareSeconds.toFixed(2)} s ${spread(bare)}   ${memory(bare)}`);
    for (const phase of phases) {
      const s = median(phase.seconds);
      console.log(`  rebuild ${phase.name.padEnd(22)} ${rate(events, s)} ev/s   ${s.toFixed(2)} s ${spread(phase)}   ${(bareSeconds / s).toFixed(2)}× the bare fold   ${memory(phase)}   ${phase.applied.toLocaleString('en-US')} events consumed`);
    }
    const total = phases.reduce((sum, phase) => sum + median(phase.seconds), 0);
    console.log(`  every projection, one after the other: ${total.toFixed(1)} s${canReset ? '' : ' (peak RSS: whole process, could not reset)'}`);
    await store.close();
  } finally {
    if (kept) rmSync(readModels, { force: true });
    else rmSync(dir, { recursive: true, force: true });
  }
}
