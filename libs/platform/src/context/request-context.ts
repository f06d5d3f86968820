import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import type { RequestTimings } from '../http/server-timing.js';

/**
 * What a request carries into the command pipeline. `commandId` is derived from the Idempotency-Key
 * when one is sent (so event ids repeat on a retry), otherwise a fresh UUID.
 */
export interface RequestContext {
  readonly correlationId: string;
  readonly causationId?: string;
  commandId: string;
  /** Set for a keyed request: how long its earlier result may be replayed (older ones are refused, never replayed). */
  replayWindowMs?: number;
  /** Set for a keyed request: the hash of its method, path and body, recorded in the metadata of the events it writes. */
  requestHash?: string;
  /** Set by the command pipeline when a keyed request's answer comes from the events its key wrote before. */
  answeredFromEvents?: boolean;
  principal?: Principal;
  /** HOURBANK_SERVER_TIMING=on: where this request's time goes. */
  timings?: RequestTimings;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const runInRequestContext = <T>(context: RequestContext, run: () => T): T => storage.run(context, run);

export const currentRequestContext = (): RequestContext | undefined => storage.getStore();

export const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:@/+=-]{1,100}$/;

export const isValidCorrelationId = (value: string): boolean => CORRELATION_ID_PATTERN.test(value);

export const newRequestContext = (correlationId?: string, causationId?: string): RequestContext => ({
  correlationId: correlationId ?? randomUUID(),
  ...(causationId !== undefined && { causationId }),
  commandId: randomUUID(),
});
