import { readFileSync } from 'node:fs';
import { SqliteEventStore } from '#eventstore';
import { type DomainEvent, Draft } from '#kernel';
import { accountCodec, accountDecider, type AccountState } from '#hour-bank';
import { ProjectionRunner, openReadModelDatabase } from '#projections';
import { ticketCodec, ticketDecider, type TicketState } from '#ticketing';
import { workerProjections } from '../../apps/worker/src/worker-projections.js';

/** What one phase of the rebuild bench measured, printed as JSON on the last line of the child's output. */
export interface PhaseResult {
  readonly seconds: number;
  /** Events the phase consumed: the projection's (filtered by the store's query), or the whole log for the bare fold. */
  readonly applied: number;
  /** The process's peak resident set (VmHWM), module loading included. */
  readonly peakRssMb: number;
}

export const BARE_FOLD = 'bare-fold';

/** Read, decode and evolve every account and open ticket in memory: what a rebuild costs without writing a row. */
const bareFold = async (store: SqliteEventStore): Promise<number> => {
  const accounts = new Map<string, AccountState>();
  const tickets = new Map<string, TicketState>();
  // One draft for the whole fold, as `foldFrom` folds a stream: the baseline is the linear fold, not a copying one.
  const draft = new Draft();
  let n = 0;
  for await (const recorded of store.readAll()) {
    n++;
    if (recorded.stream.startsWith('account-')) {
      const state = accounts.get(recorded.stream) ?? accountDecider.initialState();
      accounts.set(recorded.stream, accountDecider.evolve(state, accountCodec.decode(recorded), draft));
    } else {
      const state = ticketDecider.evolve(tickets.get(recorded.stream) ?? ticketDecider.initialState(), ticketCodec.decode<DomainEvent & never>(recorded), draft);
      // A finished ticket changes no more: dropping it keeps the baseline lean (and so the comparison strict).
      if (state.status === 'closed' || state.status === 'cancelled' || state.status === 'escalated') tickets.delete(recorded.stream);
      else tickets.set(recorded.stream, state);
    }
  }
  return n;
};

const peakRssMb = (): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024;

/** Runs one phase in this process: the bare fold, or the rebuild of one projection into `readModels`. */
export async function runPhase(eventsFile: string, readModels: string, phase: string): Promise<PhaseResult> {
  const store = SqliteEventStore.open(eventsFile, { pageSize: 5000 });
  try {
    const started = performance.now();
    let applied = 0;
    if (phase === BARE_FOLD) {
      applied = await bareFold(store);
    } else {
      const projection = workerProjections({ autoCloseBusinessDays: 5 }).find((p) => p.name === phase);
      if (!projection) throw new Error(`no projection ${phase}`);
      const db = openReadModelDatabase(readModels);
      try {
        // BENCH_REBUILD_BATCH: events per rebuild transaction (unset: the runner's default).
        const batch = process.env.BENCH_REBUILD_BATCH;
        const options = batch ? { rebuildBatchSize: Number(batch) } : {};
        await new ProjectionRunner(projection, store, db, options).rebuild((progress) => (applied = progress.applied));
      } finally {
        db.close();
      }
    }
    return { seconds: (performance.now() - started) / 1000, applied, peakRssMb: peakRssMb() };
  } finally {
    await store.close();
  }
}

// `node rebuild-phase.js <events file> <read models file> <phase>`: one phase in a fresh process.
if (process.argv[1]?.endsWith('rebuild-phase.js') && process.argv.length === 5) {
  const [eventsFile, readModels, phase] = process.argv.slice(2) as [string, string, string];
  console.log(JSON.stringify(await runPhase(eventsFile, readModels, phase)));
}
