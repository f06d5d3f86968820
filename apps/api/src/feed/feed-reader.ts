import type { RecordedEvent } from '#kernel';
import { UndecodableEventError, type EventStore } from '#eventstore';
import type { Principal } from '#platform';
import { contractFor, toPublicEvent, type PublicEvent } from '#contracts';
import { EventAccounts } from './event-accounts.js';
import type { FeedIndex } from './feed-index.js';

/** One page of the feed. `next` is the cursor for the following page; it moves past events the caller may not see. */
export interface FeedPage {
  readonly events: readonly PublicEvent[];
  readonly next: number;
  readonly caughtUp: boolean;
}

/** Events a single page request may look at, so a client with few events cannot make one request scan the whole log. */
const SCAN_BUDGET = 5_000;
const READ_BATCH = 500;

/** The published view of the log for one caller: contracted types only, a client's own accounts only. */
export class FeedReader {
  private readonly accounts: EventAccounts;

  constructor(
    private readonly store: EventStore,
    private readonly onUndecodable: (event: RecordedEvent, error: UndecodableEventError) => void = () => {},
    /** A client's events by account, up to where the index has reached; without it a client's page scans the log. */
    private readonly index?: FeedIndex,
  ) {
    this.accounts = new EventAccounts(store);
  }

  /**
   * The published view of one event, or undefined when the caller may not see it. An event whose payload cannot be
   * decoded is left out of the feed and reported (the projections that need it park it and show it to managers).
   */
  async publish(event: RecordedEvent, principal: Principal): Promise<PublicEvent | undefined> {
    const contract = contractFor(event.type);
    if (!contract) return undefined;
    try {
      const accountId = await this.accounts.accountOf(event, contract);
      if (principal.role === 'client' && (accountId === undefined || !principal.accounts.includes(accountId))) return undefined;
      return toPublicEvent(event, accountId === undefined ? {} : { accountId });
    } catch (error) {
      if (!(error instanceof UndecodableEventError)) throw error;
      this.onUndecodable(event, error);
      return undefined;
    }
  }

  /**
   * A page scans the log from the cursor. A client's scan first asks the index (up to its checkpoint) where its next
   * event is and jumps to just before it, before each batch, so stretches holding none of its events are not read;
   * staff see every account, so they scan.
   */
  async page(principal: Principal, after: number, limit: number): Promise<FeedPage> {
    let resume = (cursor: number): Promise<number> | number => cursor;
    if (principal.role === 'client' && this.index) {
      const index = this.index;
      const upTo = await index.upTo();
      // Where it jumps must be a position of this log (a cursor to hand back): checked once for the checkpoint.
      if (upTo > after && (await this.store.isPosition(upTo))) resume = (cursor) => index.resumeAfter(principal.accounts, cursor, upTo);
    }
    return this.scan(principal, after, limit, resume);
  }

  private async scan(principal: Principal, after: number, limit: number, resume: (cursor: number) => Promise<number> | number): Promise<FeedPage> {
    const events: PublicEvent[] = [];
    let cursor = after;
    let scanned = 0;
    while (scanned < SCAN_BUDGET) {
      cursor = await resume(cursor);
      let read = 0;
      for await (const event of this.store.readAll({ ...(cursor > 0 && { after: cursor }), maxCount: READ_BATCH })) {
        read++;
        cursor = event.position;
        const published = await this.publish(event, principal);
        if (published) events.push(published);
        if (events.length === limit) return { events, next: cursor, caughtUp: false };
      }
      scanned += read;
      if (read < READ_BATCH) return { events, next: cursor, caughtUp: true };
    }
    return { events, next: cursor, caughtUp: false };
  }
}
