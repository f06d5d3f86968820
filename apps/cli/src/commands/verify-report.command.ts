import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describeFinding, verifyLog } from '#integrity';
import { loadConfig } from '#platform';
import { REPORT_LAYOUT, renderReport, sha256 } from '#reporting';
import { issueOfBytes, issuedReports, regenerateIssued } from '../integrity/issued-reports.js';
import { openLogSources, type LogSourceFlags } from '../integrity/log-sources.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

const FORMAT_NAMES = { json: 'JSON', csv: 'CSV of movements', 'csv-summary': 'summary CSV', html: 'HTML page', pdf: 'PDF' } as const;

/** What a PDF, JSON or other file says it is, when its bytes are not an issued document's. */
const claimedIdentity = (bytes: Buffer): string | undefined => {
  const pdf = /hourbank-report (\S+) (\d{4}-\d{2})/.exec(bytes.toString('latin1'));
  if (pdf) return `it says it is the report of account ${pdf[1]}, ${pdf[2]}`;
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { accountId?: string; period?: string };
    if (json.accountId && json.period) return `it says it is the report of account ${json.accountId}, ${json.period}`;
  } catch {
    return undefined;
  }
  return undefined;
};

/**
 * Proves that a report file a client received is what was issued and what the log still gives: its bytes are an
 * issued document's, the log regenerates them byte for byte at the issued position, the log's chain head there is
 * the one recorded with the issue, and the log verifies (seals, the notary's record, signed checkpoints). Exit 1 if not.
 */
export function registerVerifyReport(program: Command): void {
  program
    .command('verify-report')
    .description('prove that a report file (PDF, CSV, JSON or HTML) is the one issued and that the event log still gives it; exit 1 if not')
    .argument('<file>', 'the file the client received')
    .option('--checkpoints <file>', 'checkpoints kept outside the system (from export-checkpoints)')
    .option('--public-key <key>', 'trust this key (base64 DER, PEM, or a file) instead of the configured one; repeatable', collect)
    .action(async (file: string, flags: LogSourceFlags) => {
      const bytes = readFileSync(file);
      const sources = await openLogSources(loadConfig(), flags);
      const say = (line: string) => process.stdout.write(`${line}\n`);
      try {
        const found = issueOfBytes(await issuedReports(sources.store), bytes);
        if (!found) {
          const claim = claimedIdentity(bytes);
          say(`NOT VERIFIED: no issued report has these bytes (sha256 ${sha256(bytes)})${claim ? `; ${claim}: the file was changed, or it is not an issued edition` : ''}.`);
          process.exitCode = 1;
          return;
        }
        const { issue, format } = found;
        say(`The ${FORMAT_NAMES[format]} of the monthly report of account ${issue.accountId}, ${issue.period}, issued ${issue.issuedAt} by ${issue.issuedBy} (issue recorded at log position ${found.position}).`);
        const problems: string[] = [];
        if (issue.layout !== REPORT_LAYOUT) problems.push(`it was rendered with layout ${issue.layout}; this version renders ${REPORT_LAYOUT} and cannot regenerate it byte for byte`);
        else {
          const regenerated = await regenerateIssued(sources.store, issue).then((doc) => renderReport(doc, format), (error: Error) => error);
          if (regenerated instanceof Error) problems.push(`the log no longer gives what was issued: at position ${issue.position} it gives no report (${regenerated.message})`);
          else if (regenerated.equals(bytes)) say(`  ✓ regenerated from the log at position ${issue.position}, it is byte for byte the file`);
          else problems.push(`the log no longer gives what was issued: regenerated at position ${issue.position} it differs from the file (sha256 ${sha256(regenerated)})`);
        }
        const log = await verifyLog({
          store: sources.store, system: (await sources.witness?.checkpoints()) ?? [], trustedKeyIds: sources.trustedKeyIds, headsAt: [issue.position],
          ...(sources.external && { external: sources.external }), ...(sources.witness && { witness: () => sources.witness!.rows() }),
        });
        const head = log.heads.get(issue.position);
        if (!issue.chain) problems.push('the issue records no chain head (issued before the log was chained)');
        else if (head?.head === issue.chain.head && head.events === issue.chain.events) say(`  ✓ the log's chain head at position ${issue.position} is the one recorded with the issue: ${issue.chain.head}`);
        else problems.push(`the log's chain head at position ${issue.position} is ${head?.head ?? 'none'}, not the ${issue.chain.head} recorded with the issue`);
        const covering = log.checkpoints.last && log.checkpoints.last.position >= issue.position ? log.checkpoints.last : undefined;
        if (log.ok) {
          say(`  ✓ the log verifies: ${log.events} events, ${log.checkpoints.held} signed checkpoints hold`);
          say(covering ? `  ✓ position ${issue.position} is covered by the checkpoint at ${covering.position}, signed ${covering.signedAt} by key ${covering.keyId}`
            : `  ! position ${issue.position} is not covered by a signed checkpoint yet`);
        } else {
          problems.push(`the log does not verify (${log.findingCount} findings); first: ${describeFinding(log.findings[0]!)}`);
        }
        if (problems.length === 0) say('VERIFIED: this file is the report as issued, and the log still gives it.');
        else for (const problem of problems) say(`  ✗ ${problem}`);
        if (problems.length > 0) say('NOT VERIFIED.');
        process.exitCode = problems.length === 0 ? 0 : 1;
      } finally {
        await sources.close();
      }
    });
}
