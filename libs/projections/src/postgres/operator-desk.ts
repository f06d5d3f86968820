import type { ClaimKeeper, Claimable } from './claims.js';
import type { OperatorRequest, OperatorRequests } from './operator-requests.js';

/** What carries a request out: the worker's ProjectionsAdmin, acting on the runners this worker holds. */
export interface OperatorActions {
  retry(name: string): Promise<void>;
  skip(name: string, position: number, actor: string, reason: string): Promise<void>;
  rebuild(name: string): Promise<void>;
}

export interface OperatorDeskOptions {
  /** How often the desk looks for requests (default 250 ms). */
  readonly intervalMs?: number;
  readonly onError?: (error: unknown) => void;
}

/** The name operators use: a projection's, or a reactor partition's (`ticket-account/2`). */
export const consumerName = (claimable: Pick<Claimable, 'kind' | 'consumer' | 'partition'>): string =>
  claimable.kind === 'projection' ? claimable.consumer : `${claimable.consumer}/${claimable.partition}`;

/**
 * A worker's side of the operator requests: every `intervalMs` it takes the requests of the consumers it holds
 * and carries them out, one at a time per consumer (a rebuild does not hold up the others), recording each outcome.
 */
export class OperatorDesk {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly requests: OperatorRequests,
    private readonly keeper: ClaimKeeper,
    private readonly actions: OperatorActions,
    private readonly options: OperatorDeskOptions = {},
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.intervalMs ?? 250);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
    await Promise.all(this.running.values());
  }

  /** One look: takes what is waiting for the consumers held here (and not busy with an earlier request). */
  tick(): Promise<void> {
    this.round = this.round.then(async () => {
      const free = this.keeper.heldClaims().map(consumerName).filter((name) => !this.running.has(name));
      for (const request of await this.requests.take(free, this.keeper.workerId)) {
        const previous = this.running.get(request.consumer) ?? Promise.resolve();
        const next = previous.then(() => this.carryOut(request));
        this.running.set(request.consumer, next);
        void next.finally(() => {
          if (this.running.get(request.consumer) === next) this.running.delete(request.consumer);
        });
      }
    }).catch((error: unknown) => this.options.onError?.(error));
    return this.round;
  }

  private async carryOut(request: OperatorRequest): Promise<void> {
    let error: string | undefined;
    try {
      if (request.action === 'retry') await this.actions.retry(request.consumer);
      else if (request.action === 'skip') await this.actions.skip(request.consumer, request.position!, request.actor, request.reason ?? '');
      else await this.actions.rebuild(request.consumer);
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    await this.requests.finish(request.id, this.keeper.workerId, error).catch((failure: unknown) => this.options.onError?.(failure));
  }
}
