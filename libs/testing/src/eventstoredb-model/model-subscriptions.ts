import { randomUUID } from 'node:crypto';
import type { ModelFaults } from './model-faults.js';
import type { ModelLog, ModelRecord } from './model-log.js';
import {
  caughtUpMessage, checkpointMessage, confirmationMessage, eventMessage, fellBehindMessage, rpcError, type ModelRpcError,
} from './model-messages.js';
import { invalidPosition, startIndex } from './model-reads.js';
import { CallWriter, type ReadCall } from './model-writer.js';
import { grpc, streamsPb } from './protos.js';

type ReadOptions = InstanceType<typeof streamsPb.ReadReq.Options>;
type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;

/** How far behind the end of the log a live subscription may fall before the server says so and catches up again. */
const FELL_BEHIND_AFTER = 10_000;
/** The server's search window per checkpoint interval of a filtered subscription. */
const CHECKPOINT_WINDOW = 32;

export interface SubscriptionSettings {
  /** Servers from 23.10 tell a catch-up subscription when it has reached the live end of the log. */
  readonly caughtUp: boolean;
}

/** Catch-up subscriptions to $all on one modelled node; a test may drop every one of them. */
export class ModelSubscriptions {
  private readonly open = new Set<LiveSubscription>();

  constructor(
    private readonly log: ModelLog,
    private readonly faults: ModelFaults,
    private readonly settings: SubscriptionSettings,
  ) {}

  get count(): number {
    return this.open.size;
  }

  async subscribe(call: ReadCall, options: ReadOptions): Promise<void> {
    const writer = new CallWriter(call);
    if (!options.hasAll()) return writer.fail(rpcError(grpc.status.UNIMPLEMENTED, 'The model serves subscriptions to $all only'));
    const start = startIndex(this.log, options.getAll()!, true);
    if (start === undefined) return invalidPosition(this.faults, writer);
    const subscription = new LiveSubscription(this.log, writer, start, filterOf(options), this.settings);
    this.open.add(subscription);
    try {
      await subscription.run();
    } finally {
      this.open.delete(subscription);
    }
  }

  /** Ends every open subscription with `code` (UNAVAILABLE: what a client sees when its node goes away). */
  drop(code: number = grpc.status.UNAVAILABLE, details = 'Server is unavailable (modelled fault)'): number {
    const dropped = [...this.open];
    for (const subscription of dropped) subscription.fail(rpcError(code, details));
    return dropped.length;
  }

  /** Every subscription open now ends with UNAVAILABLE after delivering `events` more events. */
  dropAfter(events: number): void {
    for (const subscription of this.open) subscription.failAfter(events, rpcError(grpc.status.UNAVAILABLE, 'Server is unavailable (modelled fault)'));
  }
}

class LiveSubscription {
  private caughtUp = false;
  private considered = 0;
  private budget: { left: number; error: ModelRpcError } | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly log: ModelLog,
    private readonly writer: CallWriter,
    private cursor: number,
    private readonly filter: CompiledFilter | undefined,
    private readonly settings: SubscriptionSettings,
  ) {}

  async run(): Promise<void> {
    const unsubscribe = this.log.onAppended(() => this.wake?.());
    try {
      if (!(await this.writer.send(confirmationMessage(randomUUID())))) return;
      while (this.writer.open) {
        while (this.cursor < this.log.records.length && this.writer.open) await this.deliver(this.log.records[this.cursor++]!);
        if (!this.caughtUp && this.writer.open) await this.reachedLiveEnd();
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          void this.writer.gone.then(resolve);
          if (this.cursor < this.log.records.length) resolve();
        });
      }
    } finally {
      unsubscribe();
    }
  }

  fail(error: ModelRpcError): void {
    this.writer.fail(error);
    this.wake?.();
  }

  failAfter(events: number, error: ModelRpcError): void {
    this.budget = { left: events, error };
  }

  private async deliver(record: ModelRecord): Promise<void> {
    if (this.caughtUp && this.log.records.length - this.cursor > FELL_BEHIND_AFTER) {
      this.caughtUp = false;
      await this.writer.send(fellBehindMessage());
    }
    this.considered++;
    if (this.filter === undefined || this.filter.allows(record)) {
      if (this.budget && this.budget.left-- <= 0) return this.fail(this.budget.error);
      await this.writer.send(eventMessage(record, true));
    } else if (this.considered % this.filter.checkpointEvery === 0) {
      await this.writer.send(checkpointMessage(record.position));
    }
  }

  private async reachedLiveEnd(): Promise<void> {
    this.caughtUp = true;
    if (this.settings.caughtUp) await this.writer.send(caughtUpMessage());
  }
}

interface CompiledFilter {
  allows(record: ModelRecord): boolean;
  readonly checkpointEvery: number;
}

function filterOf(options: ReadOptions): CompiledFilter | undefined {
  if (!options.hasFilter()) return undefined;
  const filter: FilterOptions = options.getFilter()!;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  const matches = (text: string) => (regex ? regex.test(text) : prefixes.some((prefix) => text.startsWith(prefix)));
  return {
    allows: (record) => matches(onStream ? record.stream : record.type),
    checkpointEvery: CHECKPOINT_WINDOW * Math.max(1, filter.getCheckpointintervalmultiplier()),
  };
}
