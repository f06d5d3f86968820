import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';

/** Wakes this process's subscriptions on a file as soon as any store in the process appends to it. */
const signals = new EventEmitter();
signals.setMaxListeners(0);

export const appendedSignal = {
  key: (filePath: string): string => (filePath === ':memory:' ? filePath : resolve(filePath)),
  emit: (key: string): void => {
    signals.emit(key);
  },
  on: (key: string, listener: () => void): (() => void) => {
    signals.on(key, listener);
    return () => signals.off(key, listener);
  },
};
