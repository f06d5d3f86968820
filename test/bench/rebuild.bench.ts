import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SqliteEventStore } from '#eventstore';
import { workerProjections } from '../../apps/worker/src/worker-projections.js';
import { envInt, median } from './bench-kit.js';
import { HistoryWriter, type HistoryShape } from './rebuild.bench-history.js';
import { BARE_FOLD, type PhaseResult } from './rebuild-phase.js';

const execFileAsync = promisify(execFile);

const seconds = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
};

const rate = (events: number, s: number) => Math.round(events / s).toLocaleString('en-US').padStart(9);

interface Phase {
  readonly name: string;
  readonly results: PhaseResult[];
}

/**
 * Runs one phase in a fresh Node process, so its peak RSS is its own (module loading included) and not what an
 * earlier phase left to the allocator.
 */
const measurePhase = async (phase: Phase, eventsFile: string, readModels: string): Promise<void> => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(readModels + suffix, { force: true });
  const script = fileURLToPath(new URL('./rebuild-phase.js', import.meta.url));
  const { stdout } = await execFileAsync(process.execPath, [script, eventsFile, readModels, phase.name], { maxBuffer: 1 << 20 });
  phase.results.push(JSON.parse(stdout.trim().split('\n').at(-1)!) as PhaseResult);
};

/** A generated history is reused when BENCH_STORE_DIR names a directory that already holds one of the same shape. */
const openHistory = async (dir: string, shape: HistoryShape): Promise<SqliteEventStore> => {
  const marker = join(dir, 'shape.json');
  const wanted = JSON.stringify(shape);
  const reuse = existsSync(marker) && readFileSync(marker, 'utf8') === wanted;
  if (!reuse) rmSync(join(dir, 'events.sqlite'), { force: true });
  const store = SqliteEventStore.open(join(dir, 'events.sqlite'), { pageSize: 5000, writer: 'inline' });
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
 * database, each phase in its own process; reports the median time of each phase, its ratio to the bare fold's
 * median, and the highest peak RSS of its rounds.
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
    await store.close();
    console.log(`  ${events.toLocaleString('en-US')} events; ${rounds} round(s), each phase in its own process; medians`);
    const only = process.env.BENCH_REBUILD_ONLY?.split(',');
    const bare: Phase = { name: BARE_FOLD, results: [] };
    const phases: Phase[] = workerProjections({ autoCloseBusinessDays: 5 })
      .filter((p) => !only || only.includes(p.name))
      .map((projection) => ({ name: projection.name, results: [] }));
    for (let round = 0; round < rounds; round++) {
      // The bare fold goes first in even rounds and last in odd ones, so neither side always runs on a warmer disk cache.
      const order = round % 2 === 0 ? [bare, ...phases] : [...phases, bare];
      for (const phase of order) await measurePhase(phase, join(dir, 'events.sqlite'), readModels);
    }
    const secondsOf = (phase: Phase) => median(phase.results.map((r) => r.seconds));
    const bareSeconds = secondsOf(bare);
    const memory = (phase: Phase) => `peak RSS ${Math.max(...phase.results.map((r) => r.peakRssMb)).toFixed(0)} MB`;
    const spread = (phase: Phase) => `[${phase.results.map((r) => r.seconds.toFixed(2)).join(', ')} s]`;
    console.log(`  bare fold (read + decode + evolve, in memory) ${rate(events, bareSeconds)} ev/s   ${bareSeconds.toFixed(2)} s ${spread(bare)}   ${memory(bare)}`);
    for (const phase of phases) {
      const s = secondsOf(phase);
      const consumed = phase.results[0]!.applied.toLocaleString('en-US');
      console.log(`  rebuild ${phase.name.padEnd(22)} ${rate(events, s)} ev/s   ${s.toFixed(2)} s ${spread(phase)}   ${(bareSeconds / s).toFixed(2)}× the bare fold   ${memory(phase)}   ${consumed} events consumed`);
    }
    const total = phases.reduce((sum, phase) => sum + secondsOf(phase), 0);
    console.log(`  every projection, one after the other: ${total.toFixed(1)} s`);
  } finally {
    if (kept) for (const suffix of ['', '-wal', '-shm']) rmSync(readModels + suffix, { force: true });
    else rmSync(dir, { recursive: true, force: true });
  }
}
