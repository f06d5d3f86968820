import { channel } from 'node:diagnostics_channel';

/**
 * A durable commit of the store (SQLite: the COMMIT of an append with synchronous=FULL, i.e. its fsync), published
 * on a diagnostics channel so a host can time it (HOURBANK_SERVER_TIMING) without the store knowing about requests.
 */
export const COMMIT_CHANNEL = 'hourbank.eventstore.commit';

export interface CommitMessage {
  /** How long the commit took, in milliseconds. */
  readonly ms: number;
  /** Appends committed together by it. */
  readonly appends: number;
}

const commits = channel(COMMIT_CHANNEL);

export const publishCommit = (message: CommitMessage): void => {
  if (commits.hasSubscribers) commits.publish(message);
};
