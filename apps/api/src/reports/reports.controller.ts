import { Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { REPORT_CONTENT, ReportDiffDto, ReportIssueDto } from './report.response.dto.js';
import {
  CurrentPrincipal, CurrentRequestContext, ProblemError, Roles, assertCanSeeAccount, commandContextFrom, type HttpResponse,
  type Principal, type RequestContext,
} from '#platform';
import { negotiateFormat, reportContentTypes } from '#reporting';
import { ApiProblems } from '#platform';
import { IdParam } from '../api-shared/id-param.js';
import { type ReportVersion, ReportsService } from './reports.service.js';

const AccountId = () => IdParam('id', 'ACCOUNT_NOT_FOUND');
const FILE_NAMES = { json: '.json', csv: '-movimentos.csv', 'csv-summary': '-resumo.csv', html: '.html', pdf: '.pdf' } as const;
const VERSIONS = ['issued', 'corrected'] as const;

const versionOf = (value: string | undefined): ReportVersion | undefined => {
  if (value === undefined || (VERSIONS as readonly string[]).includes(value)) return value as ReportVersion | undefined;
  throw new ProblemError(400, 'INVALID_REPORT_VERSION', 'Invalid report version', '?version= is issued (what was sent) or corrected (as the log tells it now)');
};

const notAcceptable = () =>
  new ProblemError(406, 'NOT_ACCEPTABLE', 'Not acceptable', 'Reports are served as application/json, text/csv, text/html or application/pdf');

@ApiTags('reports')
@ApiBearerAuth()
@Controller('accounts/:id/reports/:period')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @ApiOperation({
    summary: 'The monthly report, by Accept (JSON, CSV, HTML, PDF) or ?format= (json, csv: the movements, csv-summary, html, pdf). '
      + 'An issued period answers as issued (byte for byte what was sent) unless ?version=corrected (as the log tells it now, with the '
      + 'corrections since listed); a period not issued answers a preview at the current log position (Report-Position header).',
  })
  @ApiOkResponse({ description: 'The report in the negotiated format', content: REPORT_CONTENT })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'csv-summary', 'html', 'pdf'] })
  @ApiQuery({ name: 'version', required: false, enum: ['issued', 'corrected'] })
  @ApiProblems(400, 404, 406, 422)
  async get(
    @AccountId() id: string, @Param('period') period: string, @Query('format') format: string | undefined,
    @Query('version') version: string | undefined, @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() caller: Principal, @Res() response: HttpResponse,
  ): Promise<void> {
    assertCanSeeAccount(caller, id);
    const chosen = negotiateFormat(accept, format);
    if (!chosen) throw notAcceptable();
    const doc = await this.reports.document(id, period, versionOf(version));
    this.reports.assertNotInFuture(doc.report);
    const body = await this.reports.render(doc, chosen);
    response.setHeader('Content-Type', reportContentTypes[chosen]);
    response.setHeader('Vary', 'Accept');
    response.setHeader('Report-Position', String(doc.log.position));
    response.setHeader('Report-Edition', doc.edition);
    if (doc.log.chainHead) response.setHeader('Report-Chain-Head', doc.log.chainHead);
    if (chosen !== 'json' && chosen !== 'html') {
      const edition = doc.edition === 'issued' ? '' : `-${doc.edition === 'corrected' ? 'corrigido' : 'previa'}`;
      response.setHeader('Content-Disposition', `attachment; filename="relatorio-${id}-${period}${edition}${FILE_NAMES[chosen]}"`);
    }
    response.status(200).end(body);
  }

  @Post('issue')
  @Roles('manager', 'agent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Issue the report of a closed period: records its content hashes and log position once (idempotent)' })
  @ApiCreatedResponse({ type: ReportIssueDto, description: 'Recorded now' })
  @ApiOkResponse({ type: ReportIssueDto, description: 'It was issued already' })
  @ApiProblems(403, 404, 422)
  async issue(
    @AccountId() id: string, @Param('period') period: string, @CurrentPrincipal() caller: Principal,
    @CurrentRequestContext() request: RequestContext, @Res({ passthrough: true }) response: HttpResponse,
  ) {
    assertCanSeeAccount(caller, id);
    const { issue, created } = await this.reports.issue(id, period, commandContextFrom(request));
    response.status(created ? 201 : 200);
    const { status: _status, ...recorded } = issue;
    return { ...recorded, created };
  }

  @Get('diff')
  @ApiOperation({ summary: 'What changed since the issue (field-level), the facts recorded since that changed it, and whether regenerating at the issued position gives the issued hashes' })
  @ApiOkResponse({ type: ReportDiffDto })
  @ApiProblems(404, 422)
  async diff(@AccountId() id: string, @Param('period') period: string, @CurrentPrincipal() caller: Principal) {
    assertCanSeeAccount(caller, id);
    return this.reports.diff(id, period);
  }
}
