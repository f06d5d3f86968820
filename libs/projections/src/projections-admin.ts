import type { EventStore } from '#eventstore';
import type { Projection } from './projection.js';
import type { Scheduler, SchedulerStatus } from './scheduler.js';
import { eventsBehind } from './lag.js';
import type { ConsumerStatus, RebuildProgress } from './status.js';

type MaybeAsync<T> = T | Promise<T>;

/** What the admin asks of every runner; on PostgreSQL the answers come from the shared tables, hence maybe async. */
interface Consumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  retry(): Promise<void>;
  skip(position: number, actor: string, reason: string): Promise<void>;
  position(): MaybeAsync<number | null>;
  statusAt(headPosition: number, lag: number): MaybeAsync<ConsumerStatus>;
}

/** A projection's runner: `ProjectionRunner` (embedded) or `MirroredProjectionRunner` (PostgreSQL). */
export interface ProjectionConsumer extends Consumer {
  readonly projection: Projection;
  rebuild(onProgress?: (progress: RebuildProgress) => void): Promise<void>;
}

/** A reactor's runner (one per partition on PostgreSQL). */
export interface ReactorConsumer extends Consumer {
  readonly name: string;
}

export interface ProjectionsStatus {
  readonly headPosition: number;
  readonly consumers: readonly ConsumerStatus[];
  readonly scheduler: SchedulerStatus | null;
}

/** Where each consumer stands, without counting lag: what polling (quiesce, waits) needs, at the cost of one head read. */
export interface ConsumerPositions {
  readonly headPosition: number;
  readonly consumers: readonly Pick<ConsumerStatus, 'name' | 'state' | 'position' | 'lastError'>[];
}

export class UnknownConsumerError extends Error {
  readonly code = 'UNKNOWN_PROJECTION';
  constructor(readonly consumer: string) {
    super(`No projection or reactor named ${consumer}`);
  }
}

/** Everything `GET /admin/projections` and the operator actions need, as plain data and plain calls. */
export class ProjectionsAdmin {
  constructor(
    private readonly store: EventStore,
    private readonly projections: readonly ProjectionConsumer[],
    private readonly reactors: readonly ReactorConsumer[] = [],
    private readonly scheduler?: Scheduler,
  ) {
    const names = [...projections.map((p) => p.projection.name), ...reactors.map((r) => r.name)];
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw new Error(`Two consumers are named ${duplicate}`);
  }

  async startAll(): Promise<void> {
    for (const runner of this.projections) await runner.start();
    for (const runner of this.reactors) await runner.start();
  }

  async stopAll(): Promise<void> {
    await this.scheduler?.stop();
    await Promise.all([...this.projections, ...this.reactors].map((r) => r.stop()));
  }

  /** For `GET /admin/projections`: one head read, and one read of the log to count every consumer's lag in events. */
  async status(): Promise<ProjectionsStatus> {
    const headPosition = (await this.store.status()).headPosition ?? 0;
    const runners = [...this.projections, ...this.reactors];
    const lags = await eventsBehind(this.store, await Promise.all(runners.map((r) => r.position())), headPosition);
    const consumers = await Promise.all(runners.map((runner, i) => runner.statusAt(headPosition, lags[i]!)));
    return { headPosition, consumers, scheduler: (await this.scheduler?.status()) ?? null };
  }

  /** Cheap enough to poll: the head and each checkpoint, no lag count. */
  async positions(): Promise<ConsumerPositions> {
    const headPosition = (await this.store.status()).headPosition ?? 0;
    const consumers = await Promise.all([...this.projections, ...this.reactors].map(async (runner) => {
      const { name, state, position, lastError } = await runner.statusAt(headPosition, 0);
      return { name, state, position, lastError };
    }));
    return { headPosition, consumers };
  }

  retry(name: string): Promise<void> {
    return this.consumer(name).retry();
  }

  skip(name: string, position: number, actor: string, reason: string): Promise<void> {
    return this.consumer(name).skip(position, actor, reason);
  }

  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<void> {
    return this.projection(name).rebuild(onProgress);
  }

  /** One projection's runner (to stop or start it alone, as tests and maintenance do). */
  projection(name: string): ProjectionConsumer {
    const runner = this.projections.find((p) => p.projection.name === name);
    if (!runner) throw new UnknownConsumerError(name);
    return runner;
  }

  /** Rebuilds every projection, one after the other. */
  async rebuildAll(onProgress?: (name: string, progress: RebuildProgress) => void): Promise<void> {
    for (const runner of this.projections) await runner.rebuild((p) => onProgress?.(runner.projection.name, p));
  }

  /** Resolves once every running projection's checkpoint has reached `position` (or it is parked). */
  async waitForProjections(position: number, timeoutMs = 10_000): Promise<void> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(this.projections.map((p) => p.statusAt(position, 0)));
      if (states.every((s) => s.state === 'parked' || s.state === 'stopped' || (s.position ?? 0) >= position)) return;
      if (performance.now() > until) throw new Error(`Projections did not reach position ${position} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  private consumer(name: string): ProjectionConsumer | ReactorConsumer {
    const found = this.projections.find((p) => p.projection.name === name) ?? this.reactors.find((r) => r.name === name);
    if (!found) throw new UnknownConsumerError(name);
    return found;
  }
}
