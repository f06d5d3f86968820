import type { Clock, RecordedEvent } from '#kernel';
import { checkSeal } from '#eventstore';
import type { Reactor } from '#projections';
import { signCheckpoint } from './checkpoint.js';
import { nextHead } from './global-chain.js';
import type { LogSigningKey } from './signing-key.js';
import type { WitnessHead, WitnessStore } from './witness-store.js';

export const LOG_NOTARY = 'log-notary';

export interface LogNotaryOptions {
  readonly key: LogSigningKey;
  readonly clock: Clock;
  /** A checkpoint after every this many events (default 1000)... */
  readonly checkpointEvery?: number;
  /** ...and, when events arrived since the last one, every this many milliseconds (default 60 s). */
  readonly checkpointIntervalMs?: number;
  /** Told when an event's seal does not hold as it is witnessed (the log was changed between append and now). */
  readonly onBrokenSeal?: (event: RecordedEvent, kind: string) => void;
  /** Told when a periodic signing failed (it is tried again at the next tick). */
  readonly onSigningFailed?: (error: unknown) => void;
  /**
   * The record is shared by several workers, which take the notary's claim in turn (PostgreSQL): the head is read
   * from the record before each event instead of kept in memory, since another worker may have gone on meanwhile.
   */
  readonly sharedRecord?: boolean;
}

/**
 * Witnesses the log in its global order after the fact, as a reactor on its own checkpoint: for every event it
 * records the hash of its content and the global chain's head after it, and every N events (and every few
 * seconds when the log moved) signs the head with the configured Ed25519 key. Writers to different streams never
 * wait for each other: on EventStoreDB and PostgreSQL no global chain could be computed at append time.
 */
export class LogNotary {
  private head: WitnessHead | undefined;
  private timer: NodeJS.Timeout | undefined;
  readonly reactor: Reactor;

  constructor(
    private readonly witness: WitnessStore,
    private readonly options: LogNotaryOptions,
  ) {
    this.reactor = { name: LOG_NOTARY, handle: (event) => this.witnessEvent(event) };
  }

  /** Starts the periodic signing (the reactor runner delivers the events). */
  start(): void {
    this.timer ??= setInterval(() => void this.signIfMoved().catch((error: unknown) => this.options.onSigningFailed?.(error)), this.options.checkpointIntervalMs ?? 60_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Signs the witnessed head now, unless the last checkpoint already is that head. */
  async signIfMoved(): Promise<void> {
    const head = await this.current();
    if (head.events === 0 || ((await this.witness.lastCheckpoint())?.position ?? -1) >= head.position) return;
    await this.sign(head);
  }

  private async witnessEvent(event: RecordedEvent): Promise<void> {
    const head = await this.current();
    if (event.position <= head.position) return;
    const check = checkSeal(event);
    if (check.kind === 'broken' || check.kind === 'undecodable') this.options.onBrokenSeal?.(event, check.kind);
    const entry = { position: event.position, stream: event.stream, revision: event.revision, id: event.id, recordedAt: event.recordedAt, eventHash: check.hash };
    const chain = nextHead(head.chain, entry);
    const next = { position: event.position, chain, events: head.events + 1 };
    await this.witness.record({ ...entry, seal: check.kind, chain, events: next.events });
    this.head = next;
    if (next.events % (this.options.checkpointEvery ?? 1000) === 0) await this.sign(next);
  }

  private async sign(head: WitnessHead): Promise<void> {
    const signedAt = this.options.clock.now().toString();
    await this.witness.addCheckpoint(signCheckpoint(this.options.key, { position: head.position, events: head.events, chain: head.chain, signedAt }));
  }

  private async current(): Promise<WitnessHead> {
    if (this.options.sharedRecord) return this.witness.head();
    return (this.head ??= await this.witness.head());
  }
}
