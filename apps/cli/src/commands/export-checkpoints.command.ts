import { writeFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { checkpointLine } from '#integrity';
import { loadConfig } from '#platform';
import { openLogSources } from '../integrity/log-sources.js';

interface Flags {
  readonly after?: string;
  readonly out?: string;
}

/** The signed checkpoints as JSON lines, for an auditor to keep outside the system and pass back to `verify`. */
export function registerExportCheckpoints(program: Command): void {
  program
    .command('export-checkpoints')
    .description('print the signed checkpoints of the log as JSON lines (each with its public key), for an auditor to keep')
    .option('--after <position>', 'only checkpoints after this log position')
    .option('--out <file>', 'write them to this file instead of standard output')
    .action(async (flags: Flags) => {
      const after = flags.after === undefined ? -1 : Number(flags.after);
      if (!Number.isSafeInteger(after)) throw new InvalidArgumentError('--after must be a log position');
      const sources = await openLogSources(loadConfig());
      try {
        if (!sources.witness) throw new Error('This data dir has no log notary record yet: start the API or the worker first');
        const text = (await sources.witness.checkpoints(after)).map(checkpointLine).join('');
        if (flags.out) writeFileSync(flags.out, text, { mode: 0o644 });
        else process.stdout.write(text);
      } finally {
        await sources.close();
      }
    });
}
