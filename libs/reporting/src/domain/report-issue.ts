import type { Temporal } from 'temporal-polyfill';
import { type Decider, type DomainEvent, DomainError, assertNever } from '#kernel';
import type { Issuer } from './report-document.js';

/** `csv`: one flat table of movements; `csv-summary`: the summary beside it, as a second file. */
export const reportFormats = ['json', 'csv', 'csv-summary', 'html', 'pdf'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** sha256 (hex) of the canonical JSON of the report, and of each rendered format's bytes. */
export interface ReportHashes {
  readonly contentHash: string;
  readonly formatHashes: Readonly<Partial<Record<ReportFormat, string>>>;
}

/** The global chain's head at the report's position, as the log notary witnessed it. */
export interface IssuedChain {
  readonly head: string;
  readonly events: number;
}

export type ReportIssued = DomainEvent<'ReportIssued', ReportHashes & {
  accountId: string; period: string; position: number; issuedBy: string; issuedAt: string;
  /** Null for issues recorded before the log was chained (v1). */
  chain: IssuedChain | null;
  issuer: Issuer;
  /** The layout the documents were rendered with: a regeneration by another layout cannot give the same bytes. */
  layout: string;
}>;
export type ReportEventType = ReportIssued;

export const reportEventNames: Record<ReportEventType['type'], string> = {
  ReportIssued: 'hourbank.report.issued.v2',
};

/** v1 issues knew no chain, issuer or layout: they read as the first layout, issued by Hour Bank. */
export const reportUpcasters = [{
  from: 'hourbank.report.issued.v1',
  to: 'hourbank.report.issued.v2',
  upcast: (data: unknown) => ({ chain: null, issuer: { name: 'Hour Bank' }, layout: 'hourbank.report-document.v1', ...(data as object) }),
}];

/** One stream per account and period: the issue is recorded once. */
export const reportStream = (accountId: string, period: string): string => `report-${accountId}-${period}`;

export type IssueReport = {
  readonly type: 'IssueReport';
  readonly now: Temporal.Instant;
  /** `issuedAt` is the instant printed on the documents whose hashes are recorded: read once, before rendering. */
  readonly data: Omit<ReportIssued['data'], 'issuedAt'> & { issuedAt: Temporal.Instant; periodClosed: boolean };
};

export type ReportIssueState = { readonly status: 'notIssued' } | ({ readonly status: 'issued' } & ReportIssued['data']);

/** Issuing is idempotent: a period already issued keeps its first issue, hash and position. */
const decide = (command: IssueReport, state: ReportIssueState): ReportIssued[] => {
  if (state.status === 'issued') return [];
  const { periodClosed, issuedAt, ...facts } = command.data;
  if (!periodClosed) {
    throw new DomainError('REPORT_PERIOD_NOT_CLOSED', 'A report is issued once its period has ended', { period: facts.period });
  }
  return [{ type: 'ReportIssued', data: { ...facts, issuedAt: issuedAt.toString() } }];
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
