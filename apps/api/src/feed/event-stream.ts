import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { EventStore } from '#eventstore';
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

/** Catch-up then live over one subscription; heartbeats as SSE comments; a client disconnect closes the subscription. */
export async function serveEventStream(store: EventStore, reader: FeedReader, streams: FeedStreams, logger: Logger, request: EventStreamRequest): Promise<void> {
  const { response } = request;
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write(`retry: 2000\n: hour-bank feed after ${request.after}\n\n`);
  const subscription = store.subscribeToAll(request.after > 0 ? { after: request.after } : {});
  const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), request.heartbeatMs);
  const disconnected = once(response, 'close').then(() => subscription.close());
  streams.opened();
  try {
    for await (const event of subscription) {
      if (response.destroyed) break;
      const published = await reader.publish(event, request.principal);
      if (published && !response.write(sseFrame(published))) await Promise.race([once(response, 'drain'), disconnected]);
    }
  } catch (error) {
    if (!response.destroyed) logger.warn({ err: error }, 'Feed stream ended by a store error; the client resumes from its Last-Event-ID');
  } finally {
    clearInterval(heartbeat);
    streams.closed();
    await subscription.close();
    if (!response.writableEnded) response.end();
  }
}
