import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { EventStore } from '#eventstore';
import { SubscriptionLoop } from '#projections';
import type { Principal } from '#platform';
import type { PublicEvent } from '#contracts';
import type { FeedReader } from './feed-reader.js';

/** Counts the open SSE connections, so shutdown and tests can tell that a disconnect released its subscription. */
export class FeedStreams {
  private open = 0;
  get count(): number {
    return this.open;
  }
  opened(): void {
    this.open++;
  }
  closed(): void {
    this.open--;
  }
}

export interface EventStreamRequest {
  readonly principal: Principal;
  readonly after: number;
  readonly heartbeatMs: number;
  readonly response: ServerResponse;
}

/** `id:` is the global position, so a reconnecting EventSource resumes with Last-Event-ID; `data:` is the public event. */
export const sseFrame = (event: PublicEvent): string => `id: ${event.position}\ndata: ${JSON.stringify(event)}\n\n`;

/**
 * Catch-up then live, on the shared resubscribe loop: when the store drops the subscription (a node restart, a
 * leader change) the stream stays open and goes on after the last event it wrote. Heartbeats are SSE comments;
 * a client disconnect stops the loop and closes the subscription.
 */
export async function serveEventStream(store: EventStore, reader: FeedReader, streams: FeedStreams, logger: Logger, request: EventStreamRequest): Promise<void> {
  const { response } = request;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write(`retry: 2000\n: hour-bank feed after ${request.after}\n\n`);
  let written = request.after;
  const disconnected = once(response, 'close');
  const loop = new SubscriptionLoop(store, {
    checkpoint: () => (written > 0 ? written : null),
    handle: async (batch) => {
      for (const event of batch.events) {
        if (response.destroyed) return 'stop';
        const published = await reader.publish(event, request.principal);
        if (published && !response.write(sseFrame(published))) await Promise.race([once(response, 'drain'), disconnected]);
        written = event.position;
      }
      written = Math.max(written, batch.checkpoint);
    },
    onFailure: (error, retryInMs) => logger.warn({ err: error, retryInMs }, 'Feed stream lost its store subscription; resubscribing after the last event sent'),
    batchSize: 100,
    maxLatencyMs: 5,
    retryDelayMs: 250,
    maxRetryDelayMs: 5000,
  });
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), request.heartbeatMs);
  void disconnected.then(() => loop.stop());
  streams.opened();
  try {
    loop.start();
    await loop.finished;
  } finally {
    clearInterval(heartbeat);
    streams.closed();
    await loop.stop();
    if (!response.writableEnded) response.end();
  }
}
