import type { EventStore } from '#eventstore';
import { appendContract } from './append.contract.js';
import { concurrencyContract } from './concurrency.contract.js';
import type { StoreUnderTest } from './contract-fixture.js';
import { pagedReadContract } from './paged-read.contract.js';
import { readContract } from './read.contract.js';
import { subscriptionContract } from './subscription.contract.js';

export type { StoreUnderTest };

/** For a store that does not read by pages of its own (EventStoreDB streams its reads): the size the paged cases write by. */
const UNPAGED_STORE_PAGE = 20;

/**
 * The behaviour every EventStore adapter must show. Safe on a shared server: every test writes to streams
 * and event types unique to it, reads after a position it marked itself, and ignores everyone else's events.
 */
export function eventStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, function () {
    this.timeout(30_000);
    let underTest: StoreUnderTest | undefined;
    const store = (): EventStore => {
      if (underTest === undefined) throw new Error('store not ready');
      return underTest.store;
    };

    before(async () => {
      underTest = await makeStore();
    });
    after(async () => {
      await underTest?.cleanup();
    });

    appendContract(store);
    readContract(store);
    pagedReadContract(store, () => underTest?.pageSize ?? UNPAGED_STORE_PAGE);
    subscriptionContract(store);
    concurrencyContract(store);
  });
}
