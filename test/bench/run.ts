import { cpus } from 'node:os';
import { runEventStoreBench } from './eventstore.bench.js';
import { runRebuildBench } from './rebuild.bench.js';
import { runCommandLatencyBench } from './command-latency.bench.js';
import { runHttpCommandsBench } from './http-commands.bench.js';
import { runLargeReadsBench } from './large-reads.bench.js';
import { runFoldBench } from './fold.bench.js';
import { runPostgresBench } from './postgres.bench.js';
import { runAttachmentsBench } from './attachments.bench.js';

/** `npm run bench`: every benchmark in turn; sizes come from BENCH_* variables (see docs/eventstore.md). */
console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
const benches = {
  eventstore: runEventStoreBench, rebuild: runRebuildBench, latency: runCommandLatencyBench, postgres: runPostgresBench,
  http: runHttpCommandsBench, reads: runLargeReadsBench, fold: runFoldBench, attachments: runAttachmentsBench,
};
const only = process.env.BENCH_ONLY?.split(',') ?? Object.keys(benches);
const unknown = only.filter((name) => !(name in benches));
if (unknown.length) throw new Error(`BENCH_ONLY: unknown bench ${unknown.join(', ')} (known: ${Object.keys(benches).join(', ')})`);
for (const [name, run] of Object.entries(benches)) if (only.includes(name)) await run();
