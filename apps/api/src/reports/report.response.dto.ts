import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const object = { type: 'object', additionalProperties: true } as const;

export class FormatHashesDto {
  @ApiProperty() json!: string;
  @ApiProperty() csv!: string;
  @ApiProperty() html!: string;
  @ApiProperty() pdf!: string;
}

export class ReportIssueDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiProperty({ type: 'integer', description: 'The log position the issued report was built at' }) position!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: FormatHashesDto }) formatHashes!: FormatHashesDto;
  @ApiProperty() issuedBy!: string;
  @ApiProperty() issuedAt!: string;
  @ApiPropertyOptional() periodClosed?: boolean;
  @ApiProperty({ description: 'false when the report had been issued already' }) created!: boolean;
}

export class IssuedReportDto {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: FormatHashesDto }) formatHashes!: FormatHashesDto;
  @ApiProperty() issuedAt!: string;
  @ApiProperty() issuedBy!: string;
}

export class RegeneratedReportDto {
  @ApiProperty() contentHash!: string;
  @ApiProperty({ type: FormatHashesDto }) formatHashes!: FormatHashesDto;
  @ApiProperty({ description: 'Rebuilding at the issued position gives the issued hashes' }) matchesIssued!: boolean;
}

export class CurrentReportDto {
  @ApiProperty({ type: 'integer' }) position!: number;
  @ApiProperty() contentHash!: string;
}

export class ReportDiffDto {
  @ApiProperty() accountId!: string;
  @ApiProperty() period!: string;
  @ApiProperty({ type: IssuedReportDto }) issued!: IssuedReportDto;
  @ApiProperty({ type: RegeneratedReportDto }) regeneratedAtIssuedPosition!: RegeneratedReportDto;
  @ApiProperty({ type: CurrentReportDto }) current!: CurrentReportDto;
  @ApiProperty({ type: 'array', items: object, description: 'Field-level changes since the issue: { path, before, after }' }) changes!: Record<string, unknown>[];
}

/** The report as each format it is served in (GET /accounts/:id/reports/:period). */
export const REPORT_CONTENT = {
  'application/json': { schema: { ...object, description: 'MonthlyReport, schema hourbank.monthly-report.v1 (docs/reporting.md)' } },
  'text/csv': { schema: { type: 'string', description: 'UTF-8 with a BOM, ; separated, CRLF lines' } },
  'text/html': { schema: { type: 'string' } },
  'application/pdf': { schema: { type: 'string', format: 'binary' } },
};
