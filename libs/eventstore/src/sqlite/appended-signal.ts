import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { SubscriptionFilter } from '../event-store.js';

/**
 * What one append of this process wrote: every event at positions `first`..`last` (nothing else is there), all in one
 * stream category. A subscription whose filter takes none of them may move past them without reading them.
 */
export interface AppendNotice {
  readonly first: number;
  readonly last: number;
  readonly category: string;
  readonly types: readonly string[];
}

/** Whether a filtered subscription may be concerned by the events of the notice (true without a filter). */
export const concerns = (notice: AppendNotice, filter: SubscriptionFilter | undefined): boolean => {
  const categories = filter?.streamCategories ?? [];
  const types = filter?.eventTypes ?? [];
  return (categories.length === 0 || categories.includes(notice.category)) && (types.length === 0 || notice.types.some((type) => types.includes(type)));
};

/**
 * Wakes this process's subscriptions on a file as soon as any store in the process appends to it, with a notice of
 * what was written when the writer knows it (absent: something was appended, look). Appends by other processes
 * send nothing: subscriptions also poll.
 */
const signals = new EventEmitter();
signals.setMaxListeners(0);

export const appendedSignal = {
  key: (filePath: string): string => (filePath === ':memory:' ? filePath : resolve(filePath)),
  emit: (key: string, notice?: AppendNotice): void => {
    signals.emit(key, notice);
  },
  on: (key: string, listener: (notice: AppendNotice | undefined) => void): (() => void) => {
    signals.on(key, listener);
    return () => signals.off(key, listener);
  },
};
