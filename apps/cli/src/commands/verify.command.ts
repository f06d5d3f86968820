import type { Command } from 'commander';
import { describeFinding, verifyLog, type LogVerification } from '#integrity';
import { loadConfig } from '#platform';
import { openLogSources, type LogSourceFlags } from '../integrity/log-sources.js';

interface Flags extends LogSourceFlags {
  readonly json?: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const summary = (result: LogVerification): string[] => {
  const last = result.checkpoints.last;
  const witnessed = result.witnessedUpTo < 0 ? 'no record of the log notary' : `witnessed by the log notary up to position ${result.witnessedUpTo}`;
  return [
    `${result.events} events in ${result.streams} streams, last position ${result.lastPosition}; ${witnessed}`,
    `global chain head ${result.head}`,
    last ? `${result.checkpoints.held} of ${result.checkpoints.checked} signed checkpoints hold, the last at position ${last.position} (${last.events} events), signed ${last.signedAt} by key ${last.keyId}; ${result.events - last.events} events after it are not signed yet`
      : `none of ${result.checkpoints.checked} signed checkpoints holds`,
    ...(result.unsealed > 0 ? [`${result.unsealed} events were written before sealing began (no seal; covered by the notary and checkpoints only)`] : []),
  ];
};

/** Walks the whole log and names the first event that was modified, deleted, reordered or inserted; exit 1 if any. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check the event log against its seals, the log notary\'s record and the signed checkpoints; exit 1 naming the first tampered event')
    .option('--checkpoints <file>', 'checkpoints kept outside the system (from export-checkpoints): each must still hold')
    .option('--public-key <key>', 'trust this key (base64 DER, PEM, or a file) instead of the configured one; repeatable', collect)
    .option('--json', 'print the result as JSON')
    .action(async (flags: Flags) => {
      const sources = await openLogSources(loadConfig(), flags);
      try {
        const result = await verifyLog({
          store: sources.store, system: (await sources.witness?.checkpoints()) ?? [], trustedKeyIds: sources.trustedKeyIds,
          ...(sources.external && { external: sources.external }),
          ...(sources.witness && { witness: () => sources.witness!.rows() }),
        });
        if (flags.json) process.stdout.write(`${JSON.stringify({ ...result, heads: undefined }, null, 2)}\n`);
        else if (result.ok) process.stdout.write(`The log verifies.\n${summary(result).map((l) => `  ${l}\n`).join('')}`);
        else {
          const [first, ...more] = result.findings;
          process.stdout.write(`The log does NOT verify: ${result.findingCount} finding(s).\nFirst: ${describeFinding(first!)}\n`);
          for (const finding of more) process.stdout.write(`  ${describeFinding(finding)}\n`);
          process.stdout.write(summary(result).map((l) => `  ${l}\n`).join(''));
        }
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await sources.close();
      }
    });
}
