import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventCodec, type EventStore, EVENT_STORE } from '#eventstore';
import { hourBankCodec } from '#hour-bank';
import { SECRET_FIELDS, identityCodec } from '#identity';
import { ApiProblems, Roles } from '#platform';
import { reportCodec } from '#reporting';
import { ticketCodec } from '#ticketing';
import { Inject } from '@nestjs/common';
import { HistoryQueryDto } from '../api-shared/history.query.dto.js';
import { HistoryPageDto, readHistory } from '../api-shared/stream-history.js';

const everyCodec = EventCodec.merge(hourBankCodec, ticketCodec, identityCodec, reportCodec);
const STREAM = /^[a-z]+-[A-Za-z0-9_.:-]{1,200}$/;

const redacted = (data: unknown): unknown =>
  data !== null && typeof data === 'object'
    ? Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [k, SECRET_FIELDS.includes(k) ? '[redacted]' : v]))
    : data;

/** Any stream's events with their audit metadata, for the auditor (and managers); secret material is redacted. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('streams')
export class StreamsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':stream/history') @Roles('auditor', 'manager')
  @ApiOperation({ summary: 'Every event of a stream (account-…, ticket-…, user-…, signin-…, calendar-…), who, on whose behalf, when' })
  @ApiOkResponse({ type: HistoryPageDto })
  @ApiProblems(400, 403)
  async history(@Param('stream') stream: string, @Query() query: HistoryQueryDto): Promise<HistoryPageDto> {
    if (!STREAM.test(stream)) return { events: [] };
    const page = await readHistory(this.store, stream, everyCodec, { fromRevision: query.fromRevision ?? 0, limit: query.limit ?? 100 });
    return { ...page, events: page.events.map((event) => ({ ...event, data: redacted(event.data) })) };
  }
}
