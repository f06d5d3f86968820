import type { FieldChange } from './report-diff.js';
import type { MonthlyReport } from './monthly-report.js';

/** The layout this code renders; an issue records the layout it was rendered with. */
export const REPORT_LAYOUT = 'hourbank.report-document.v3';

/** `preview`: not issued yet; `issued`: what was sent, byte for byte; `corrected`: the issued period as the log now tells it. */
export type ReportEdition = 'preview' | 'issued' | 'corrected';

/** Who issues the report (the agency): printed on every document, recorded with the issue. */
export interface Issuer {
  readonly name: string;
  /** e.g. "CNPJ 12.345.678/0001-90". */
  readonly document?: string;
  /** e.g. "suporte@agencia.com.br · (11) 4000-0000". */
  readonly contact?: string;
}

/** The log a report was built from: its position, and the global chain's head there (null until the notary saw it). */
export interface LogReference {
  readonly position: number;
  readonly chainHead: string | null;
  readonly events: number | null;
}

export interface IssueInfo {
  readonly issuedAt: string;
  readonly issuedBy: string;
  /** The log the issued report was built from. */
  readonly log: LogReference;
}

/** A fact recorded after the issue that changed the issued period's report: a late debit, a late expiry, a breach... */
export interface CorrectionFact {
  readonly position: number;
  /** When it was recorded (the event's occurredAt). */
  readonly recordedAt: string;
  /** The domain event type (TicketDebited, SlaBreached, ...). */
  readonly type: string;
  readonly ticketId: string | null;
  readonly ticketNumber: number | null;
  readonly ticketTitle: string | null;
  readonly minutes: number | null;
  /** What it changed in the report, field by field. */
  readonly changes: readonly FieldChange[];
}

/** A monthly report as a document: its figures and the frame a client reads them in. */
export interface ReportDocument {
  readonly layout: string;
  readonly edition: ReportEdition;
  readonly issuer: Issuer;
  /** The issue (issued and corrected editions); null for a preview. */
  readonly issue: IssueInfo | null;
  /** The log this document's figures come from. */
  readonly log: LogReference;
  /** Corrected edition: every fact recorded after the issue that changed the report, in log order. */
  readonly corrections: readonly CorrectionFact[] | null;
  readonly report: MonthlyReport;
}
