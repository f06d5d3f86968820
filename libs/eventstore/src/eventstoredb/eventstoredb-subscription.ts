import type { AllStreamSubscription } from '@eventstore/db-client';
import type { RecordedEvent } from '#kernel';
import type { SubscriptionFilter, Subscription } from '../event-store.js';
import { toRecordedEvent } from './envelope.js';
import { matchesFilter } from './filters.js';

/**
 * A catch-up subscription to $all. The server does the switch from history to live itself, in one
 * ordered feed, so there is no gap or duplicate to manage here; positions at or before the checkpoint
 * are still dropped, which keeps the checkpoint exclusive whatever the server does at the boundary.
 */
export class EventStoreDbSubscription implements Subscription {
  private closed = false;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly after: number | undefined,
    private readonly filter: SubscriptionFilter | undefined,
    private readonly onClose: (subscription: EventStoreDbSubscription) => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      for await (const resolved of this.source) {
        const event = toRecordedEvent(resolved);
        if (event === undefined || !this.wanted(event)) continue;
        yield event;
      }
    } catch (error) {
      if (!this.closed) throw error;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
    await this.source.unsubscribe();
    this.source.destroy();
  }

  private wanted(event: RecordedEvent): boolean {
    return (this.after === undefined || event.position > this.after) && matchesFilter(event, this.filter);
  }
}
