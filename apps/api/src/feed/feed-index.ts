import type { ReadModelReader } from '#projections';

/** One indexed event of a client's accounts: where to read it back (by stream and revision, on every store). */
export interface IndexedEvent {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
}

/**
 * The `feed-accounts` read model (apps/worker/src/feed-accounts.projection.ts) through the ReadModelReader: a
 * client's events by (account_id, position), up to the projection's checkpoint. The checkpoint is read first and the
 * rows are bounded by it, so what is answered is whole up to there (rows and checkpoint commit together).
 */
export class FeedIndex {
  constructor(
    private readonly reader: () => ReadModelReader,
    private readonly checkpoint: () => Promise<number | null>,
  ) {}

  /** The client's indexed events after `after`, at most `limit`, and the position the index is whole up to. */
  async after(accountIds: readonly string[], after: number, limit: number): Promise<{ events: IndexedEvent[]; upTo: number }> {
    const upTo = (await this.checkpoint()) ?? 0;
    if (upTo <= after || accountIds.length === 0) return { events: [], upTo };
    const rows = await this.reader().all<IndexedEvent>(
      `SELECT position, stream, revision FROM feed_events WHERE account_id IN (${accountIds.map(() => '?').join(', ')})
        AND position > ? AND position <= ? ORDER BY position LIMIT ?`,
      [...accountIds, after, upTo, limit],
    );
    return { events: rows.map((r) => ({ position: Number(r.position), stream: r.stream, revision: Number(r.revision) })), upTo };
  }
}
