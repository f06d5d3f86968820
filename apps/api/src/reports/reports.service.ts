import { Inject, Injectable } from '@nestjs/common';
import { bounds, isPeriodInRange, periodOf } from '#calendar';
import { EVENT_STORE, EventCodec, type EventStore } from '#eventstore';
import { CLOCK, type Clock, DomainError } from '#kernel';
import { type CommandContext, CommandPipeline, ProblemError, loadStream } from '#platform';
import {
  type MonthlyReport, type ReportFormat, type ReportIssueState, assertReportPeriod, diffReports, hashReport, renderReport,
  reportAtPosition, reportEventNames, reportIssueDecider, reportStream, sha256, canonicalJson,
} from '#reporting';
import { ReportPositions } from './report-positions.js';

const reportCodec = new EventCodec(reportEventNames);

type Issued = Extract<ReportIssueState, { status: 'issued' }>;

/** Builds, renders, issues and compares reports; every report is built at a log position, never from the clock. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly pipeline: CommandPipeline,
    private readonly positions: ReportPositions,
  ) {}

  async build(accountId: string, period: string, position?: number): Promise<{ report: MonthlyReport; position: number }> {
    assertReportPeriod(period);
    if (!isPeriodInRange(period)) {
      throw new ProblemError(400, 'PERIOD_OUT_OF_RANGE', 'Period out of range', `A report period is from ${bounds.earliestPeriod} to ${bounds.latestPeriod}`);
    }
    const at = position ?? (await this.positions.current());
    const report = await reportAtPosition(this.store, this.positions.db, accountId, period, at);
    return { report, position: at };
  }

  /** A period after the account's current one has no report yet; the current one is shown as recorded so far. */
  assertNotInFuture(report: MonthlyReport): void {
    const current = periodOf(this.clock.now(), report.timeZone);
    if (report.period > current) {
      throw new DomainError('REPORT_PERIOD_IN_THE_FUTURE', 'That period has not begun', { period: report.period, currentPeriod: current });
    }
  }

  render(report: MonthlyReport, format: ReportFormat): Promise<Buffer> {
    return renderReport(report, format);
  }

  async issue(accountId: string, period: string, context: CommandContext): Promise<{ issue: Issued; created: boolean }> {
    const earlier = await this.issued(accountId, period);
    if (earlier) return { issue: earlier, created: false };
    const { report, position } = await this.build(accountId, period);
    this.assertNotInFuture(report);
    const hashes = await hashReport(report);
    const result = await this.pipeline.execute({
      stream: reportStream(accountId, period), decider: reportIssueDecider, codec: reportCodec, context,
      command: (now) => ({
        type: 'IssueReport' as const, now,
        data: { accountId, period, position, issuedBy: context.actor, periodClosed: periodOf(now, report.timeZone) > period, ...hashes },
      }),
    });
    return { issue: (await this.issued(accountId, period))!, created: result.events.length > 0 };
  }

  async issued(accountId: string, period: string): Promise<Issued | undefined> {
    const { state } = await loadStream(this.store, reportStream(accountId, period), reportIssueDecider, reportCodec, '');
    return state.status === 'issued' ? state : undefined;
  }

  /** What changed since the issue, and whether the issued report is reproduced exactly at its own position. */
  async diff(accountId: string, period: string) {
    const issue = await this.issued(accountId, period);
    if (!issue) throw new DomainError('REPORT_ISSUE_NOT_FOUND', `No report of ${period} was issued for this account`, { period });
    const then = await this.build(accountId, period, issue.position);
    const regenerated = await hashReport(then.report);
    const now = await this.build(accountId, period);
    const matches = regenerated.contentHash === issue.contentHash
      && Object.entries(issue.formatHashes).every(([format, hash]) => regenerated.formatHashes[format as ReportFormat] === hash);
    return {
      accountId, period,
      issued: { position: issue.position, contentHash: issue.contentHash, formatHashes: issue.formatHashes, issuedAt: issue.issuedAt, issuedBy: issue.issuedBy },
      regeneratedAtIssuedPosition: { ...regenerated, matchesIssued: matches },
      current: { position: now.position, contentHash: sha256(canonicalJson(now.report)) },
      changes: diffReports(then.report, now.report),
    };
  }
}
