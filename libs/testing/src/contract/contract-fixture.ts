import { randomBytes, randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '#kernel';
import type { EventStore, Subscription } from '#eventstore';

export interface StoreUnderTest {
  store: EventStore;
  cleanup(): Promise<void>;
  /** The store's read page size, where it reads by pages (the SQL stores): the paged read cases span several. */
  pageSize?: number;
}

/**
 * Names unique to one test, so the suite can run against a shared server holding other data:
 * every stream is in the category `contract<random>` and every event type carries the same token.
 */
export class ContractFixture {
  readonly token = randomBytes(6).toString('hex');
  readonly category = `contract${this.token}`;
  private readonly startMs = Date.now();

  stream(name: string): string {
    return `${this.category}-${name}`;
  }

  type(name: string): string {
    return `contract.${this.token}.${name}.v1`;
  }

  event(name = 'happened', data: Record<string, unknown> = {}): NewEvent {
    return {
      id: randomUUID(),
      type: this.type(name),
      data: { ...data, at: this.startMs },
      metadata: { actor: 'contract-suite', correlationId: this.token, occurredAt: new Date(this.startMs).toISOString() },
    };
  }

  events(count: number, name = 'happened'): NewEvent[] {
    return Array.from({ length: count }, (_, i) => this.event(name, { i }));
  }

  ours(event: RecordedEvent): boolean {
    return event.stream.startsWith(`${this.category}-`);
  }

  /** A position after which only events appended from now on can appear. */
  async mark(store: EventStore): Promise<number> {
    return (await store.append(this.stream('mark'), [this.event('marked')], 'any')).position;
  }
}

export async function collect<T>(iterable: AsyncIterable<T>, keep: (item: T) => boolean = () => true): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) if (keep(item)) items.push(item);
  return items;
}

/** Reads a subscription until `last` says stop; fails after `timeoutMs` without it. Closes the subscription. */
export async function readUntil(
  subscription: Subscription,
  last: (event: RecordedEvent) => boolean,
  keep: (event: RecordedEvent) => boolean,
  timeoutMs = 10_000,
): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  const iterator = subscription[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`subscription: no end marker within ${timeoutMs} ms, got ${seen.length}`)), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), timeout]);
      if (next.done) throw new Error(`subscription ended before the end marker, got ${seen.length}`);
      if (keep(next.value)) seen.push(next.value);
      if (last(next.value)) return seen;
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
}

export const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

export async function expectRejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
