import type { EventStore } from '#eventstore';
import { REPORT_LAYOUT, hashReport } from '#reporting';
import { issuedReports, regenerateIssued } from '../../../apps/cli/src/integrity/issued-reports.js';

/**
 * Every report issued into this log, regenerated from the log alone (as `verify-report` does) and compared with the
 * hashes its issue recorded: what each e2e harness checks before it closes, so that every report any spec issues, on
 * any store backend, is proved to regenerate byte for byte. Answers what did not.
 */
export async function issuedReportsThatDoNotRegenerate(store: EventStore): Promise<string[]> {
  const problems: string[] = [];
  for (const { issue } of await issuedReports(store)) {
    const name = `report ${issue.accountId} ${issue.period} (built at log position ${issue.position})`;
    if (issue.layout !== REPORT_LAYOUT) {
      problems.push(`${name}: issued with layout ${issue.layout}, this version renders ${REPORT_LAYOUT}`);
      continue;
    }
    const regenerated = await hashReport(await regenerateIssued(store, issue));
    if (regenerated.contentHash !== issue.contentHash) problems.push(`${name}: content hash ${regenerated.contentHash}, issued ${issue.contentHash}`);
    for (const [format, hash] of Object.entries(issue.formatHashes)) {
      const now = regenerated.formatHashes[format as keyof typeof regenerated.formatHashes];
      if (now !== hash) problems.push(`${name}: ${format} hashes to ${now}, issued ${hash}`);
    }
  }
  return problems;
}
