import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Logger } from 'pino';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { ROOT_LOGGER } from '#platform';
import { AsyncApiController } from '../asyncapi/asyncapi.controller.js';
import { FeedController } from './feed.controller.js';
import { FeedReader } from './feed-reader.js';
import { FeedStreams } from './event-stream.js';
import type { PlatformConfig } from '#platform';
import { FEED_SETTINGS } from './feed-settings.js';

/** What downstream services read: the authenticated feed (pages and SSE) and the AsyncAPI document. */
@Module({
  controllers: [FeedController, AsyncApiController],
  providers: [
    { provide: FEED_SETTINGS, useFactory: (config: ConfigService<PlatformConfig, true>) => config.get('feed', { infer: true }), inject: [ConfigService] },
    {
      provide: FeedReader,
      useFactory: (store: EventStore, logger: Logger) =>
        new FeedReader(store, (event, error) => logger.warn({ eventId: event.id, position: event.position, err: error }, 'An undecodable event is left out of the feed')),
      inject: [EVENT_STORE, ROOT_LOGGER],
    },
    FeedStreams,
  ],
  exports: [FeedStreams],
})
export class DownstreamModule {}
