import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { ApiProblems, CurrentPrincipal, ROOT_LOGGER, type HttpResponse, type Principal } from '#platform';
import { assertCatchUpWithin, assertIsPosition, parseCursor, parseLimit } from './feed-cursor.js';
import type { FeedPage } from './feed-reader.js';
import { FeedReader } from './feed-reader.js';
import { FeedStreams, serveEventStream } from './event-stream.js';
import { EVENT_STREAM_CONTENT, FeedPageDto } from './feed.response.dto.js';
import { FEED_SETTINGS, type FeedSettings } from './feed-settings.js';

@ApiTags('feed')
@ApiBearerAuth()
@Controller('feed')
export class FeedController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
    @Inject(FEED_SETTINGS) private readonly settings: FeedSettings,
    private readonly reader: FeedReader,
    private readonly streams: FeedStreams,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Published events after a position, in global order (a client sees only its own accounts)' })
  @ApiQuery({ name: 'after', required: false, description: 'Exclusive cursor, opaque: the `next` of the previous page (or an event position), 0 for the start; anything else is 400' })
  @ApiQuery({ name: 'limit', required: false, description: 'Events per page, 1 to 500 (default 100)' })
  @ApiOkResponse({ type: FeedPageDto })
  @ApiProblems(400)
  async page(@CurrentPrincipal() principal: Principal, @Query('after') after?: string, @Query('limit') limit?: string): Promise<FeedPage & { head: number }> {
    const cursor = parseCursor(after);
    const size = parseLimit(limit);
    await assertIsPosition(cursor, this.store);
    const head = (await this.store.status()).headPosition ?? 0;
    return { ...(await this.reader.page(principal, cursor, size)), head };
  }

  @Get('stream')
  @ApiOperation({ summary: 'Server-sent events from a position (Last-Event-ID or ?after=; none: the head), catch-up then live; `id` is the position' })
  @ApiOkResponse({ description: 'The event stream', content: EVENT_STREAM_CONTENT })
  @ApiProblems(400, 409, 503)
  async stream(
    @CurrentPrincipal() principal: Principal,
    @Res() response: HttpResponse,
    @Query('after') after?: string,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<void> {
    const fromHeader = lastEventId !== undefined && lastEventId !== '';
    const given = fromHeader || (after !== undefined && after !== '');
    const cursor = fromHeader ? parseCursor(lastEventId, 'Last-Event-ID') : given ? parseCursor(after) : ((await this.store.status()).headPosition ?? 0);
    if (given) await assertIsPosition(cursor, this.store, fromHeader ? 'Last-Event-ID' : 'after');
    await assertCatchUpWithin(this.store, cursor, this.settings.maxCatchUpEvents);
    await serveEventStream(this.store, this.reader, this.streams, this.logger, { principal, after: cursor, heartbeatMs: this.settings.heartbeatMs, response });
  }
}
