import type { EventStore } from '#eventstore';
import type { ProjectionsAdmin } from '#projections';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once every running projection and reactor has consumed the whole log and the log stopped growing
 * (reactors append while they catch up). Parked or stopped consumers are not waited for.
 */
export const quiesce = async (store: EventStore, admin: ProjectionsAdmin, timeoutMs: number): Promise<void> => {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const { headPosition, consumers } = await admin.positions();
    const behind = consumers.filter((c) => c.state !== 'parked' && c.state !== 'stopped' && (c.position ?? 0) < headPosition);
    if (behind.length === 0 && ((await store.status()).headPosition ?? 0) === headPosition) return;
    if (performance.now() > until) {
      throw new Error(`Consumers did not reach position ${headPosition} within ${timeoutMs} ms: ${behind.map((c) => (c.lastError ? `${c.name} (${c.lastError.message})` : c.name)).join(', ')}`);
    }
    await pause(5);
  }
};
