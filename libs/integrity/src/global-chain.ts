import { createHash } from 'node:crypto';

/** The chain's head before the first event of the log. */
export const GENESIS = '0'.repeat(64);

/** One event as the global chain sees it: where the log put it, and the hash of its content. */
export interface ChainEntry {
  readonly position: number;
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly recordedAt: string;
  readonly eventHash: string;
}

/**
 * The global chain over the log's order, computed after the fact by the notary and by a verifier alike:
 * head(n) = SHA-256(head(n−1), position, stream, revision, id, recorded at, event hash). It covers what the
 * per-stream seals cannot: the global order, the positions and the store's recording times.
 */
export const nextHead = (head: string, entry: ChainEntry): string =>
  createHash('sha256')
    .update(`${head}\n${entry.position}\n${entry.stream}\n${entry.revision}\n${entry.id}\n${entry.recordedAt}\n${entry.eventHash}`)
    .digest('hex');
