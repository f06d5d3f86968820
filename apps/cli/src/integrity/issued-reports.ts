import { openDatabase, type EventStore } from '#eventstore';
import { matchesFilter, sqliteReader } from '#projections';
import {
  type IssuedReport, type ReportDocument, type ReportFormat, issuedEdition, readReportTimeline, reconciledReport, reportAccountTicketsProjection,
  reportCodec, sha256,
} from '#reporting';

export interface IssueRecord {
  readonly issue: IssuedReport;
  /** Where the issue event is in the log. */
  readonly position: number;
}

/** Every report issue the log holds, in log order. */
export async function issuedReports(store: EventStore): Promise<IssueRecord[]> {
  const issues: IssueRecord[] = [];
  for await (const event of store.readAll({ filter: { streamCategories: ['report'] } })) {
    if (!reportCodec.knows(event.type)) continue;
    issues.push({ issue: reportCodec.decode<{ type: 'ReportIssued'; data: IssuedReport }>(event).data, position: event.position });
  }
  return issues;
}

/** The issue one of whose documents has exactly these bytes, and which of its formats it is. */
export const issueOfBytes = (issues: readonly IssueRecord[], bytes: Buffer): (IssueRecord & { format: ReportFormat }) | undefined => {
  const hash = sha256(bytes);
  for (const record of issues) {
    const format = Object.entries(record.issue.formatHashes).find(([, h]) => h === hash)?.[0];
    if (format) return { ...record, format: format as ReportFormat };
  }
  return undefined;
};

/**
 * The issued document rebuilt from the log alone: which tickets belong to the account comes from the ticket streams
 * themselves (the report-account-tickets fold, in memory), not from any read model a verifier would have to trust.
 */
export async function regenerateIssued(store: EventStore, issue: IssuedReport): Promise<ReportDocument> {
  const db = openDatabase(':memory:');
  try {
    const names = (table: string) => table;
    reportAccountTicketsProjection.migrate(db, names);
    for await (const event of store.readAll({ filter: reportAccountTicketsProjection.filter! })) {
      if (event.position > issue.position) break;
      if (matchesFilter(event, reportAccountTicketsProjection.filter)) reportAccountTicketsProjection.apply(db, event, names);
    }
    const timeline = await readReportTimeline(store, sqliteReader(db), issue.accountId, issue.period, issue.position);
    return issuedEdition((position) => reconciledReport(timeline, position), issue);
  } finally {
    db.close();
  }
}
