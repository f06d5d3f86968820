import type { ReadModelReader } from '#projections';

/**
 * The `feed-accounts` read model (apps/worker/src/feed-accounts.projection.ts) through the ReadModelReader. Up to
 * the projection's checkpoint it knows every client-visible event's account, and for each the indexed event before it.
 */
export class FeedIndex {
  constructor(
    private readonly reader: () => ReadModelReader,
    private readonly checkpoint: () => Promise<number | null>,
  ) {}

  /** Where the index is whole up to (rows and checkpoint commit together, so rows up to it are all there). */
  async upTo(): Promise<number> {
    return (await this.checkpoint()) ?? 0;
  }

  /**
   * Where a scan for these accounts may resume instead of `after`: just before their next indexed event (after the
   * indexed event before it: nothing between is any client's), or `upTo` when none of theirs is indexed up to there.
   */
  async resumeAfter(accountIds: readonly string[], after: number, upTo: number): Promise<number> {
    if (after >= upTo) return after;
    if (accountIds.length === 0) return upTo;
    const next = await this.reader().get<{ previous: number }>(
      `SELECT previous FROM feed_events WHERE account_id IN (${accountIds.map(() => '?').join(', ')}) AND position > ? AND position <= ?
        ORDER BY position LIMIT 1`,
      [...accountIds, after, upTo],
    );
    return next === undefined ? upTo : Math.max(after, Number(next.previous));
  }
}
