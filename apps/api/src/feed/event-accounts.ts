import type { RecordedEvent } from '#kernel';
import { streamCategory, type EventStore } from '#eventstore';
import type { EventContract } from '#contracts';

const MAX_CACHED_TICKETS = 100_000;

/**
 * Which account an event belongs to: named in its payload, by its account stream, or, for ticket
 * events that do not carry it, by the ticket's opening event (a ticket never changes account).
 */
export class EventAccounts {
  private readonly ticketAccounts = new Map<string, string>();

  constructor(private readonly store: EventStore) {}

  async accountOf(event: RecordedEvent, contract: EventContract): Promise<string | undefined> {
    if (contract.audience === 'staff') return undefined;
    const named = (event.data as { accountId?: unknown } | null)?.accountId;
    if (typeof named === 'string') return named;
    const category = streamCategory(event.stream);
    if (category === 'account') return event.stream.slice(category.length + 1);
    if (category === 'ticket') return this.ticketAccount(event.stream);
    return undefined;
  }

  private async ticketAccount(stream: string): Promise<string | undefined> {
    const cached = this.ticketAccounts.get(stream);
    if (cached !== undefined) return cached;
    for await (const first of this.store.readStream(stream, { maxCount: 1 })) {
      const accountId = (first.data as { accountId?: unknown }).accountId;
      if (typeof accountId !== 'string') return undefined;
      if (this.ticketAccounts.size >= MAX_CACHED_TICKETS) this.ticketAccounts.clear();
      this.ticketAccounts.set(stream, accountId);
      return accountId;
    }
    return undefined;
  }
}
