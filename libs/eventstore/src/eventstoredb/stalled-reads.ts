import type { EventStoreDBClient } from '@eventstore/db-client';

type GrpcReadable = { readonly readableFlowing: boolean | null; readonly readableEnded: boolean; listenerCount(event: string): number; resume(): void };

/**
 * A read the adapter stops early (it had what it needed) is cancelled; but when the server had already ended the call,
 * the client's gRPC stream is left paused before its end, unpiped, and the client keeps it in the set that `dispose()`
 * waits on: it would wait forever, and a long-running process would keep every such stream. Resuming a stream in that
 * state (paused, nobody reading it, not ended) lets it reach its end and leave the set. Streams still being read are
 * piped (they have a 'data' listener) and are left alone.
 */
export function releaseStalledReads(client: EventStoreDBClient): void {
  const streams = (client as unknown as { readonly disposableStreams?: Set<unknown> }).disposableStreams;
  for (const stream of streams ?? []) {
    const readable = stream as GrpcReadable;
    if (typeof readable.resume !== 'function' || readable.readableEnded) continue;
    if (readable.readableFlowing === false && readable.listenerCount('data') === 0) readable.resume();
  }
}
