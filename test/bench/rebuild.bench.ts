import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
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
import { HistoryWriter } from './rebuild.bench-history.js';

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

/**
 * (a) Generates BENCH_ACCOUNTS × BENCH_MONTHS of history (default 1,000 × 24, ~1M events), then rebuilds each
 * projection into a fresh read-model database and compares with a bare in-memory fold of the same events.
 */
export async function runRebuildBench(): Promise<void> {
  const shape = { accounts: envInt('BENCH_ACCOUNTS', 1000), months: envInt('BENCH_MONTHS', 24), ticketsPerMonth: envInt('BENCH_TICKETS_PER_MONTH', 4) };
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-bench-rebuild-'));
  try {
    const store = SqliteEventStore.open(join(dir, 'events.sqlite'), { pageSize: 5000 });
    const generation = await seconds(() => new HistoryWriter(store).write(shape));
    const events = store.headPosition();
    console.log(`\nrebuild: ${shape.accounts} accounts × ${shape.months} months: ${events.toLocaleString('en-US')} events generated in ${generation.toFixed(1)} s`);
    const db = openReadModelDatabase(join(dir, 'readmodels.sqlite'));
    const only = process.env.BENCH_REBUILD_ONLY?.split(',');
    const measured: [string, number, string][] = [];
    let canReset = true;
    for (const projection of workerProjections({ autoCloseBusinessDays: 5 }).filter((p) => !only || only.includes(p.name))) {
      collect();
      const base = rssMb();
      canReset = resetPeakRss() && canReset;
      const s = await seconds(() => new ProjectionRunner(projection, store, db).rebuild());
      measured.push([projection.name, s, `peak RSS ${peakRssMb().toFixed(0)} MB (${base.toFixed(0)} MB before)`]);
    }
    collect();
    const base = rssMb();
    resetPeakRss();
    const bare = await seconds(() => bareFold(store));
    console.log(`  bare fold (read + decode + evolve, in memory) ${rate(events, bare)} ev/s   ${bare.toFixed(2)} s   peak RSS ${peakRssMb().toFixed(0)} MB (${base.toFixed(0)} MB before)`);
    for (const [name, s, memory] of measured) {
      console.log(`  rebuild ${name.padEnd(16)} ${rate(events, s)} ev/s   ${s.toFixed(2)} s   ${(bare / s).toFixed(2)}× the bare fold   ${memory}`);
    }
    const total = measured.reduce((sum, [, s]) => sum + s, 0);
    console.log(`  every projection, one after the other: ${total.toFixed(1)} s${canReset ? '' : ' (peak RSS: whole process, could not reset)'}`);
    db.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
