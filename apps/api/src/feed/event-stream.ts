import { Inject, Injectable } from '@nestjs/common';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { EventStore } from '#eventstore';
import { SubscriptionLoop } from '#projections';
import { GracefulShutdown, ProblemError, type LongLivedResponses, type Principal } from '#platform';
import { publishedContracts, type PublicEvent } from '#contracts';
import type { FeedReader } from './feed-reader.js';
import { FEED_SETTINGS, type FeedSettings } from './feed-settings.js';

/** Why the server ended a stream; sent as `event: end` so a client knows whether to reconnect. */
export type StreamEndReason = 'shutdown' | 'token-expired';

const RETRY_AFTER_SECONDS = '10';

/**
 * The open SSE connections: counted per subject and overall (HOURBANK_FEED_MAX_STREAMS_PER_SUBJECT,
 * HOURBANK_FEED_MAX_STREAMS), each one endable by the server (at token expiry, at shutdown).
 */
@Injectable()
export class FeedStreams implements LongLivedResponses {
  private readonly open = new Map<symbol, { readonly subject: string; readonly end: (reason: StreamEndReason) => void }>();

  constructor(
    @Inject(FEED_SETTINGS) private readonly settings: FeedSettings,
    shutdown: GracefulShutdown,
  ) {
    shutdown.register(this);
  }

  get count(): number {
    return this.open.size;
  }

  /** Claims a slot for a new stream, or refuses it: 429 for a subject at its limit, 503 when the server is full. */
  claim(subject: string, end: (reason: StreamEndReason) => void): () => void {
    const ofSubject = [...this.open.values()].filter((stream) => stream.subject === subject).length;
    if (ofSubject >= this.settings.maxStreamsPerSubject) {
      throw new ProblemError(429, 'FEED_STREAM_LIMIT_REACHED', 'Too many streams', `A caller may hold ${this.settings.maxStreamsPerSubject} feed streams at once; close one first`, undefined, { 'Retry-After': RETRY_AFTER_SECONDS });
    }
    if (this.open.size >= this.settings.maxStreams) {
      throw new ProblemError(503, 'FEED_STREAMS_FULL', 'No stream available', 'This server holds as many feed streams as it may; retry later or read GET /feed', undefined, { 'Retry-After': RETRY_AFTER_SECONDS });
    }
    const id = Symbol(subject);
    this.open.set(id, { subject, end });
    return () => this.open.delete(id);
  }

  endAll(reason: StreamEndReason): void {
    for (const stream of [...this.open.values()]) stream.end(reason);
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

const PUBLISHED_TYPES = [...publishedContracts.keys()];

/**
 * Catch-up then live, on the shared resubscribe loop (filtered in the store to the published types): when the store
 * drops the subscription the stream stays open and goes on after the last event it wrote. Heartbeats are SSE
 * comments; a client disconnect stops the loop; the server ends the stream with `event: end` at the token's expiry
 * and at shutdown.
 */
export async function serveEventStream(store: EventStore, reader: FeedReader, streams: FeedStreams, logger: Logger, request: EventStreamRequest): Promise<void> {
  const { response, principal } = request;
  let loop: SubscriptionLoop | undefined;
  const end = (reason: StreamEndReason) => {
    if (!response.writableEnded) response.end(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    void loop?.stop();
  };
  const release = streams.claim(principal.sub, end);
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  response.write(`retry: 2000\n: hour-bank feed after ${request.after}\n\n`);
  let written = request.after;
  const disconnected = once(response, 'close');
  loop = new SubscriptionLoop(store, {
    checkpoint: () => (written > 0 ? written : null),
    filter: { eventTypes: PUBLISHED_TYPES },
    handle: async (batch) => {
      for (const event of batch.events) {
        if (response.destroyed || response.writableEnded) return 'stop';
        const published = await reader.publish(event, principal);
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
  const expiry = principal.expiresAt === undefined ? undefined : setTimeout(() => end('token-expired'), Math.max(0, principal.expiresAt * 1000 - Date.now()));
  void disconnected.then(() => loop?.stop());
  try {
    loop.start();
    await loop.finished;
  } finally {
    clearInterval(heartbeat);
    clearTimeout(expiry);
    release();
    await loop.stop();
    if (!response.writableEnded) response.end();
  }
}
