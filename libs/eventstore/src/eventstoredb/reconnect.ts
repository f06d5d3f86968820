import { isConnectionLost } from './eventstoredb-errors.js';

/** Calls sent again after a lost connection (the client reconnects on the next call), with a short pause between. */
export const RECONNECT_ATTEMPTS = 3;
const PAUSE_MS = 50;

export const pauseBeforeAttempt = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, PAUSE_MS * attempt));

/**
 * A read whose connection went before it delivered anything is opened again: the client closes its channel on
 * UNAVAILABLE anywhere (a dropped subscription too), cancelling calls that were just starting on it. A read that
 * already delivered something fails, as reading it again would repeat what was delivered.
 */
export async function* reopening<T>(open: () => AsyncIterable<T>): AsyncGenerator<T> {
  for (let attempt = 1; ; attempt++) {
    let delivered = false;
    try {
      for await (const item of open()) {
        delivered = true;
        yield item;
      }
      return;
    } catch (error) {
      if (delivered || !isConnectionLost(error) || attempt >= RECONNECT_ATTEMPTS) throw error;
      await pauseBeforeAttempt(attempt);
    }
  }
}
