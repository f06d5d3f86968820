import type { Temporal } from 'temporal-polyfill';
import { type Decider, type DomainEvent, DomainError, assertNever } from '#kernel';

export const reportFormats = ['json', 'csv', 'html', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** sha256 (hex) of the canonical JSON of the report, and of each rendered format's bytes. */
export interface ReportHashes {
  readonly contentHash: string;
  readonly formatHashes: Readonly<Record<ReportFormat, string>>;
}

export type ReportIssued = DomainEvent<'ReportIssued', ReportHashes & {
  accountId: string; period: string; position: number; issuedBy: string; issuedAt: string;
}>;
export type ReportEventType = ReportIssued;

export const reportEventNames: Record<ReportEventType['type'], string> = {
  ReportIssued: 'hourbank.report.issued.v1',
};

/** One stream per account and period: the issue is recorded once. */
export const reportStream = (accountId: string, period: string): string => `report-${accountId}-${period}`;

export type IssueReport = {
  readonly type: 'IssueReport';
  readonly now: Temporal.Instant;
  readonly data: ReportHashes & { accountId: string; period: string; position: number; issuedBy: string; periodClosed: boolean };
};

export type ReportIssueState = { readonly status: 'notIssued' } | ({ readonly status: 'issued' } & ReportIssued['data']);

/** Issuing is idempotent: a period already issued keeps its first issue, hash and position. */
const decide = (command: IssueReport, state: ReportIssueState): ReportIssued[] => {
  if (state.status === 'issued') return [];
  const { periodClosed, ...facts } = command.data;
  if (!periodClosed) {
    throw new DomainError('REPORT_PERIOD_NOT_CLOSED', 'A report is issued once its period has ended', { period: facts.period });
  }
  return [{ type: 'ReportIssued', data: { ...facts, issuedAt: command.now.toString() } }];
};

const evolve = (state: ReportIssueState, event: ReportEventType): ReportIssueState => {
  switch (event.type) {
    case 'ReportIssued':
      return state.status === 'issued' ? state : { status: 'issued', ...event.data };
    default:
      return assertNever(event.type);
  }
};

export const reportIssueDecider: Decider<IssueReport, ReportEventType, ReportIssueState> = {
  initialState: () => ({ status: 'notIssued' }),
  decide,
  evolve,
};
