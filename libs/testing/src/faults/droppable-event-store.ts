import { ForwardingEventStore, type SubscribeOptions, type Subscription } from '#eventstore';

/**
 * A real store whose subscriptions a test can cut, as a lost connection would: every open subscription's iteration
 * fails at once with an error. For stores without a network between them and their readers (SQLite); a server
 * store (or its model) should be cut at the connection instead.
 */
export class DroppableEventStore extends ForwardingEventStore {
  private readonly open = new Set<{ cut(error: Error): void }>();

  /** Fails every subscription open now; returns how many there were. */
  drop(error = new Error('connection lost (injected fault)')): number {
    const open = [...this.open];
    for (const subscription of open) subscription.cut(error);
    return open.length;
  }

  override subscribeToAll(options?: SubscribeOptions): Subscription {
    const inner = this.inner.subscribeToAll(options);
    const iterator = inner[Symbol.asyncIterator]();
    let cut: (error: Error) => void = () => {};
    const failed = new Promise<never>((_, reject) => (cut = reject));
    failed.catch(() => {});
    const handle = { cut: (error: Error) => (cut(error), void inner.close()) };
    this.open.add(handle);
    const close = async () => (this.open.delete(handle), inner.close());
    return {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.race([iterator.next(), failed]),
        return: async () => (await close(), { done: true, value: undefined }),
      }),
      close,
      ...(inner.progress && { progress: () => inner.progress!() }),
    };
  }
}
