import type { AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '#kernel';
import type { SubscriptionFilter, Subscription, SubscriptionProgress } from '../event-store.js';
import { recordPosition, toRecordedEvent } from './envelope.js';
import { toPortError } from './eventstoredb-errors.js';
import { matchesFilter } from './filters.js';

/**
 * A catch-up subscription to $all. The server does the switch from history to live itself, in one
 * ordered feed, so there is no gap or duplicate to manage here; positions at or before the checkpoint
 * are still dropped, which keeps the checkpoint exclusive whatever the server does at the boundary.
 * Records the port does not show (system records) are reported through `progress().passed`, so a
 * consumer's checkpoint can reach the head of a log that ends with them. A lost connection ends the
 * iteration with the port's EventStoreUnavailableError: the consumer resubscribes from its checkpoint.
 */
export class EventStoreDbSubscription implements Subscription {
  private closed = false;
  private passed: number | undefined;
  /** Records still to hand over that were buffered in the client when the server said CaughtUp; 0: live. */
  private beforeLive: number | undefined;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly after: number | undefined,
    private readonly filter: SubscriptionFilter | undefined,
    private readonly onClose: (subscription: EventStoreDbSubscription) => void,
  ) {
    source.on('caughtUp', () => (this.beforeLive = source.readableLength));
    source.on('fellBehind', () => (this.beforeLive = undefined));
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        this.countTowardsLive();
        const event = toRecordedEvent(resolved);
        if (event === undefined || !this.wanted(event)) {
          this.passed = recordPosition(resolved) ?? this.passed;
          continue;
        }
        this.passed = undefined;
        yield event;
      }
    } catch (error) {
      if (!this.closed) throw toPortError(error, this.after === undefined ? {} : { position: this.after });
    } finally {
      await this.close();
    }
  }

  progress(): SubscriptionProgress {
    return { caughtUp: this.beforeLive === 0, ...(this.passed !== undefined && { passed: this.passed }) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    await this.source.unsubscribe();
    this.source.destroy();
  }

  private countTowardsLive(): void {
    if (this.beforeLive !== undefined && this.beforeLive > 0) this.beforeLive--;
  }

  private wanted(event: RecordedEvent): boolean {
    return (this.after === undefined || event.position > this.after) && matchesFilter(event, this.filter);
  }
}
