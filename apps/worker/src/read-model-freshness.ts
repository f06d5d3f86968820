import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '#eventstore';
import type { ConsumerPositions } from '#projections';
import { WorkerRuntime } from './worker-runtime.js';

export interface ReachOptions {
  /** Give up when no consumer still behind has moved for this long (parked, stuck or stopped elsewhere). */
  readonly stallMs: number;
  /** Give up after this long in any case, so a request never hangs on a read model. */
  readonly limitMs: number;
  readonly pollMs: number;
  readonly now?: () => number;
  readonly pause?: (ms: number) => Promise<unknown>;
}

export const FRESHNESS: ReachOptions = { stallMs: 2000, limitMs: 15_000, pollMs: 10 };

/**
 * Waits until the named consumers (not parked) have reached `head`, for as long as they keep moving towards it: a
 * loaded machine slows a catch-up, it does not stop it, so a list asked for right after a change still shows it.
 * True when they reached it; false when they stalled for `stallMs` or `limitMs` passed (the caller answers what
 * the read model has).
 */
export async function readModelsReach(
  positions: () => Promise<ConsumerPositions>, names: readonly string[], head: number, options: ReachOptions,
): Promise<boolean> {
  const now = options.now ?? (() => performance.now());
  const pause = options.pause ?? sleep;
  const started = now();
  let movedAt = started;
  const seen = new Map<string, number>();
  for (;;) {
    const { consumers } = await positions();
    const behind = consumers.filter((c) => names.includes(c.name) && c.state !== 'parked' && (c.position ?? 0) < head);
    if (behind.length === 0) return true;
    const at = now();
    if (behind.some((c) => seen.has(c.name) && (c.position ?? 0) > seen.get(c.name)!)) movedAt = at;
    for (const c of behind) seen.set(c.name, c.position ?? 0);
    if (at - movedAt >= options.stallMs || at - started >= options.limitMs) return false;
    await pause(options.pollMs);
  }
}

/**
 * Read-your-writes for lists served from read models: waits until the named projections have reached the store's
 * head (as long as they keep moving, see readModelsReach), so a list asked for right after a change shows it.
 * Polls the consumers' checkpoints only (`positions()`), not their lag counts, so the wait does not take the CPU
 * the catch-up it waits for needs.
 */
@Injectable()
export class ReadModelFreshness {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly worker: WorkerRuntime) {}

  async caughtUp(names: readonly string[]): Promise<boolean> {
    const head = (await this.store.status()).headPosition ?? 0;
    return readModelsReach(() => this.worker.admin.positions(), names, head, FRESHNESS);
  }
}
