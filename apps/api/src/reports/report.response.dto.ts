import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const object = { type: 'object', additionalProperties: true } as const;

export class FormatHashesDto {
  @ApiProperty() json!: string;
  @ApiProperty({ description: 'the CSV of movements' }) csv!: string;
  @ApiPropertyOptional({ name: 'csv-summary', description: 'the summary CSV (issues of layout v2)' }) 'csv-summary'?: string;
  @ApiProperty() html!: string;
  @ApiProperty() pdf!: string;
}

export class IssuedChainDto {
  @ApiProperty({ description: 'The global chain head of the log after the last event at or before the position (docs/integrity.md)' }) head!: string;
  @ApiProperty({ type: 'integer', description: 'How many events the log held up to there' }) events!: number;
}

export class IssuerDto {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() document?: string;
  @ApiPropertyOptional() contact?: string;
}

export class ReportIssueDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: 'integer', description: 'The log position the issued report was built at' }) position!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: FormatHashesDto }) formatHashes!: FormatHashesDto;
  @ApiProperty({ type: IssuedChainDto, nullable: true, description: 'null for issues recorded before the log was chained' }) chain!: IssuedChainDto | null;
  @ApiProperty({ type: IssuerDto }) issuer!: IssuerDto;
  @ApiProperty({ example: 'hourbank.report-document.v3', description: 'The layout the documents were rendered with' }) layout!: string;
  @ApiProperty() issuedBy!: string;
  @ApiProperty() issuedAt!: string;
  @ApiPropertyOptional() periodClosed?: boolean;
  @ApiProperty({ description: 'false when the report had been issued already' }) created!: boolean;
}

export class IssuedReportDto {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ type: IssuedChainDto, nullable: true }) chain!: IssuedChainDto | null;
  @ApiProperty() layout!: string;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: FormatHashesDto }) formatHashes!: FormatHashesDto;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() issuedBy!: string;
}

export class RegeneratedReportDto {
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: FormatHashesDto }) formatHashes!: FormatHashesDto;
  @ApiProperty({ description: 'Rebuilding at the issued position gives the issued hashes' }) matchesIssued!: boolean;
  @ApiPropertyOptional({ description: 'Why it cannot match: the issue was rendered with another layout' }) reason?: string;
}

export class CurrentReportDto {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty({ type: 'string', nullable: true, description: 'null until the log notary has witnessed that position' }) chainHead!: string | null;
  @ApiProperty() contentHash!: string;
}

export class ReportDiffDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ type: IssuedReportDto }) issued!: IssuedReportDto;
  @ApiProperty({ type: RegeneratedReportDto }) regeneratedAtIssuedPosition!: RegeneratedReportDto;
  @ApiProperty({ type: CurrentReportDto }) current!: CurrentReportDto;
  @ApiProperty({ type: 'array', items: object, description: 'Field-level changes since the issue (as issued → as corrected): { path, before, after }' }) changes!: Record<string, unknown>[];
  @ApiProperty({
    type: 'array', items: object,
    description: 'The facts recorded after the issue that changed the report, in log order: { position, recordedAt, type, ticketId, ticketNumber, ticketTitle, minutes, changes }; their changes together are `changes`',
  }) corrections!: Record<string, unknown>[];
}

/** The JSON report's top level; its sections are described in docs/reporting.md. */
const MONTHLY_REPORT_PROPERTIES = {
  schema: { type: 'string', example: 'hourbank.monthly-report.v3' }, accountId: { type: 'string' }, clientName: { type: 'string' },
  period: { type: 'string', example: '2026-11' }, timeZone: { type: 'string' }, periodStart: { type: 'string' }, periodEnd: { type: 'string' }, firstPeriod: { type: 'string' },
  plan: { ...object, nullable: true, description: 'code and monthlyMinutes; null for a package-only contract' }, openingBalance: { type: 'integer', description: 'Minutes' }, credits: object, negativeAdjustments: object, tickets: object,
  expirations: object, closingBalance: { type: 'integer', description: 'Minutes' }, overage: object, sla: object, expiringSoon: object,
  usageByPeriod: { type: 'array', items: object },
  packageSales: { ...object, description: 'count, minutes, revenueCents (integer cents) and unpricedCount of the packages bought in the period' },
  overruns: { ...object, description: 'items (ticket, additionalMinutes, previous and new estimate, status, decidedByRole, decidedBy, decidedAt) and approvedMinutes' },
  alerts: { ...object, description: 'items: kind (lowBalance, lotExpiringSoon, shortfall, slaAtRisk), at, and the figures the alert carried' },
};

/** The report as each format it is served in (GET /accounts/:id/reports/:period). */
export const REPORT_CONTENT = {
  'application/json': { schema: { ...object, properties: { ...MONTHLY_REPORT_PROPERTIES, document: object }, description: 'MonthlyReport, schema hourbank.monthly-report.v3, and the document frame under `document` (docs/reporting.md)' } },
  'text/csv': { schema: { type: 'string', description: 'UTF-8 with a BOM, ; separated, CRLF lines: one table of movements (?format=csv) or the summary (?format=csv-summary)' } },
  'text/html': { schema: { type: 'string' } },
  'application/pdf': { schema: { type: 'string', format: 'binary' } },
};
