import { cpus } from 'node:os';
import { runEventStoreBench } from './eventstore.bench.js';
import { runRebuildBench } from './rebuild.bench.js';
import { runCommandLatencyBench } from './command-latency.bench.js';

/** `npm run bench`: every benchmark in turn; sizes come from BENCH_* variables (see docs/eventstore.md). */
console.log(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})`);
await runEventStoreBench();
await runRebuildBench();
await runCommandLatencyBench();
