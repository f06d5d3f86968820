import { Inject, Injectable } from '@nestjs/common';
import { bounds, isPeriodInRange, periodOf } from '#calendar';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { CLOCK, type Clock, DomainError } from '#kernel';
import { type CommandContext, CommandPipeline, PLATFORM_CONFIG, type PlatformConfig, ProblemError, loadStream } from '#platform';
import {
  type IssuedReport, type LogReference, type MonthlyReport, REPORT_LAYOUT, type ReportDocument, type ReportFormat, type ReportIssueState,
  type ReportTimeline, assertReportPeriod, contentHashOf, correctedEdition, diffReports, hashReport, issuedEdition, previewEdition,
  readReportTimeline, reconciledReport, renderReport, reportCodec, reportIssueDecider, reportStream,
} from '#reporting';
import { ReportPositions } from './report-positions.js';

type Issued = Extract<ReportIssueState, { status: 'issued' }>;

const assertPeriod = (period: string): void => {
  assertReportPeriod(period);
  if (!isPeriodInRange(period)) {
    throw new ProblemError(400, 'PERIOD_OUT_OF_RANGE', 'Period out of range', `A report period is from ${bounds.earliestPeriod} to ${bounds.latestPeriod}`);
  }
};

/** `issued`: what was sent; `corrected`: the issued period as the log tells it now. Neither: issued if it was, else a preview. */
export type ReportVersion = 'issued' | 'corrected';

/** Builds, renders, issues and compares reports; every report is built at a log position, never from the clock. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    private readonly pipeline: CommandPipeline,
    private readonly positions: ReportPositions,
  ) {}

  private async timeline(accountId: string, period: string, position: number): Promise<ReportTimeline> {
    return readReportTimeline(this.store, this.positions.db, accountId, period, position);
  }

  async build(accountId: string, period: string, position?: number): Promise<{ report: MonthlyReport; position: number }> {
    assertPeriod(period);
    const at = position ?? (await this.positions.current());
    return { report: reconciledReport(await this.timeline(accountId, period, at), at), position: at };
  }

  /** The document a client reads: as issued (byte for byte what was sent), as corrected since, or a preview. */
  async document(accountId: string, period: string, version?: ReportVersion): Promise<ReportDocument> {
    assertPeriod(period);
    const issue = await this.issued(accountId, period);
    if (version && !issue) throw new DomainError('REPORT_ISSUE_NOT_FOUND', `No report of ${period} was issued for this account`, { period });
    if (issue && version !== 'corrected') return this.asIssued(accountId, period, issue);
    const log = await this.currentLog();
    const timeline = await this.timeline(accountId, period, log.position);
    const known = (position: number) => reconciledReport(timeline, position);
    return issue ? correctedEdition(known, timeline, issue, log) : previewEdition(known, log, this.config.reportIssuer);
  }

  async asIssued(accountId: string, period: string, issue: IssuedReport): Promise<ReportDocument> {
    const timeline = await this.timeline(accountId, period, issue.position);
    return issuedEdition((position) => reconciledReport(timeline, position), issue);
  }

  /** A period after the account's current one has no report yet; the current one is shown as recorded so far. */
  assertNotInFuture(report: MonthlyReport): void {
    const current = periodOf(this.clock.now(), report.timeZone);
    if (report.period > current) {
      throw new DomainError('REPORT_PERIOD_IN_THE_FUTURE', 'That period has not begun', { period: report.period, currentPeriod: current });
    }
  }

  render(doc: ReportDocument, format: ReportFormat): Promise<Buffer> {
    return renderReport(doc, format);
  }

  /**
   * Issues a closed period once: the documents are rendered with the issue instant, issuer and the log's chain head at
   * the report's position printed on them, and the hashes of those exact bytes are recorded with the issue.
   */
  async issue(accountId: string, period: string, context: CommandContext): Promise<{ issue: Issued; created: boolean }> {
    const earlier = await this.issued(accountId, period);
    if (earlier) return { issue: earlier, created: false };
    assertPeriod(period);
    const issuedAt = this.clock.now();
    const log = await this.currentLog();
    const timeline = await this.timeline(accountId, period, log.position);
    const report = reconciledReport(timeline, log.position);
    this.assertNotInFuture(report);
    const chain = log.chainHead === null ? null : { head: log.chainHead, events: log.events! };
    const facts = { accountId, period, position: log.position, issuedBy: context.actor, chain, issuer: this.config.reportIssuer, layout: REPORT_LAYOUT };
    const doc = issuedEdition(() => report, { ...facts, issuedAt: issuedAt.toString(), contentHash: '', formatHashes: {} });
    const hashes = await hashReport(doc);
    const result = await this.pipeline.execute({
      stream: reportStream(accountId, period), decider: reportIssueDecider, codec: reportCodec, context,
      command: (now) => ({ type: 'IssueReport' as const, now, data: { ...facts, ...hashes, issuedAt, periodClosed: periodOf(now, report.timeZone) > period } }),
    });
    return { issue: (await this.issued(accountId, period))!, created: result.events.length > 0 };
  }

  async issued(accountId: string, period: string): Promise<Issued | undefined> {
    const { state } = await loadStream(this.store, reportStream(accountId, period), reportIssueDecider, reportCodec, '');
    return state.status === 'issued' ? state : undefined;
  }

  /** What changed since the issue, which facts recorded since changed it, and whether the issued documents are reproduced exactly. */
  async diff(accountId: string, period: string) {
    const issue = await this.issued(accountId, period);
    if (!issue) throw new DomainError('REPORT_ISSUE_NOT_FOUND', `No report of ${period} was issued for this account`, { period });
    const then = await this.asIssued(accountId, period, issue);
    const regenerated = await hashReport(then);
    const now = await this.document(accountId, period, 'corrected');
    const sameLayout = issue.layout === REPORT_LAYOUT;
    const matches = sameLayout && regenerated.contentHash === issue.contentHash
      && Object.entries(issue.formatHashes).every(([format, hash]) => regenerated.formatHashes[format as ReportFormat] === hash);
    return {
      accountId, period,
      issued: {
        position: issue.position, chain: issue.chain, contentHash: issue.contentHash, formatHashes: issue.formatHashes,
        issuedAt: issue.issuedAt, issuedBy: issue.issuedBy, layout: issue.layout,
      },
      regeneratedAtIssuedPosition: { ...regenerated, matchesIssued: matches, ...(!sameLayout && { reason: `issued with layout ${issue.layout}; this version renders ${REPORT_LAYOUT}` }) },
      current: { position: now.log.position, chainHead: now.log.chainHead, contentHash: contentHashOf(now) },
      changes: diffReports(then.report, now.report),
      corrections: now.corrections,
    };
  }

  private async currentLog(): Promise<LogReference> {
    const position = await this.positions.current();
    return { position, ...(await this.positions.chainAt(position)) };
  }
}
