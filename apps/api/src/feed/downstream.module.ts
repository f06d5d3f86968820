import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Logger } from 'pino';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { ROOT_LOGGER } from '#platform';
import { UnknownConsumerError } from '#projections';
import { AsyncApiController } from '../asyncapi/asyncapi.controller.js';
import { FeedController } from './feed.controller.js';
import { FeedReader } from './feed-reader.js';
import { FeedIndex } from './feed-index.js';
import { FEED_ACCOUNTS_PROJECTION } from '../../../worker/src/feed-accounts.projection.js';
import { ReadModels } from '../../../worker/src/read-models.js';
import { WorkerRuntime } from '../../../worker/src/worker-runtime.js';
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
      useFactory: (store: EventStore, logger: Logger, readModels: ReadModels, worker: WorkerRuntime) =>
        new FeedReader(
          store,
          (event, error) => logger.warn({ eventId: event.id, position: event.position, err: error }, 'An undecodable event is left out of the feed'),
          // No runner for the index (an app composed without it): null, so client pages scan as before.
          new FeedIndex(() => readModels.reader, async () => {
            try {
              return await worker.admin.projection(FEED_ACCOUNTS_PROJECTION).position();
            } catch (error) {
              if (error instanceof UnknownConsumerError) return null;
              throw error;
            }
          }),
        ),
      inject: [EVENT_STORE, ROOT_LOGGER, ReadModels, WorkerRuntime],
    },
    FeedStreams,
  ],
  exports: [FeedStreams],
})
export class DownstreamModule {}
