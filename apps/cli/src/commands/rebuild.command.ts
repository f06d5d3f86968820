import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { createEventStore } from '#eventstore';
import { loadConfig } from '#platform';
import { ProjectionRunner, type RebuildProgress, WorkerLease, WorkerLeaseHeldError, openReadModelDatabase } from '#projections';
import { READ_MODELS_FILE } from '../../../worker/src/read-models.js';
import { workerProjections } from '../../../worker/src/worker-projections.js';

const bar = (name: string) =>
  new cliProgress.SingleBar(
    { format: `${name.padEnd(16)} [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | ETA {etaText}`, hideCursor: true, etaBuffer: 50 },
    cliProgress.Presets.shades_classic,
  );

const etaText = (progress: RebuildProgress) => (progress.etaSeconds === null ? '?' : `${progress.etaSeconds.toFixed(1)} s`);

/**
 * Replays the log into fresh tables and swaps them in, on the data dir's read models. It holds the worker lease
 * while it runs, so it refuses to start beside a running API or worker (use POST /admin/projections/:name/rebuild
 * then), and neither can start while it runs.
 */
export function registerRebuild(program: Command): void {
  program
    .command('rebuild')
    .description('rebuild one projection, or all of them, from the event log (refused while an API or worker runs on the data dir)')
    .argument('[name]', 'projection name, or "all"', 'all')
    .action(async (name: string) => {
      const config = loadConfig(process.env, process.cwd(), { checksTokens: false });
      const projections = workerProjections(config.worker);
      const chosen = name === 'all' ? projections : projections.filter((p) => p.name === name);
      if (chosen.length === 0) throw new InvalidArgumentError(`no projection ${name}; known: ${projections.map((p) => p.name).join(', ')}, all`);
      const store = await createEventStore({ dataDir: config.dataDir, eventStoreConnectionString: config.eventStoreConnectionString });
      const db = openReadModelDatabase(join(config.dataDir, READ_MODELS_FILE));
      const lease = new WorkerLease(db, { role: 'cli rebuild' });
      try {
        lease.acquire();
      } catch (error) {
        db.close();
        await store.close();
        if (error instanceof WorkerLeaseHeldError) program.error(error.message, { exitCode: 1 });
        throw error;
      }
      try {
        for (const projection of chosen) {
          const progressBar = bar(projection.name);
          progressBar.start((await store.status()).headPosition ?? 0, 0, { rate: 0, etaText: '?' });
          const started = performance.now();
          await new ProjectionRunner(projection, store, db).rebuild((p) => {
            progressBar.setTotal(p.total);
            progressBar.update(p.done, { rate: p.eventsPerSecond.toLocaleString('en-US'), etaText: etaText(p) });
          });
          progressBar.stop();
          console.log(`${projection.name}: rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        }
      } finally {
        lease.release();
        db.close();
        await store.close();
      }
    });
}
