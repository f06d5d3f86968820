import { expect } from 'chai';
import type { IdempotencyScope, IdempotencyStore, IdempotencyTimings } from '#platform';

export interface IdempotencyStoreUnderTest {
  readonly store: IdempotencyStore;
  cleanup(): Promise<void>;
}

const scope = (over: Partial<IdempotencyScope> = {}): IdempotencyScope => ({
  subject: 'alice', role: 'agent', route: 'POST /tickets/t-1/time-entries', key: `k-${Math.random().toString(36).slice(2)}`, ...over,
});
const answer = { status: 201, body: { id: 't-1' }, headers: { location: '/tickets/t-1' } };

/**
 * What every idempotency store must do (SQLite embedded, and any server store): claims per scope, replays with
 * headers, refusal of another request, the in-flight lease, and expiry. `open` gets a clock the spec moves.
 */
export function idempotencyStoreContract(name: string, open: (timings: IdempotencyTimings) => Promise<IdempotencyStoreUnderTest>): void {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let now: number;
    let underTest: IdempotencyStoreUnderTest;
    const store = () => underTest.store;
    beforeEach(async () => {
      now = 1_900_000_000_000;
      underTest = await open({ leaseMs: 60_000, retentionMs: 3_600_000, nowMs: () => now });
    });
    afterEach(() => underTest.cleanup());

    it('starts a new key, then replays its stored answer with its headers', async () => {
      const key = scope();
      expect(await store().start(key, 'h1')).to.deep.equal({ kind: 'started' });
      await store().complete(key, answer);
      expect(await store().start(key, 'h1')).to.deep.equal({ kind: 'replay', ...answer });
    });

    it('refuses another request under the same key', async () => {
      const key = scope();
      await store().start(key, 'h1');
      await store().complete(key, answer);
      expect((await store().start(key, 'h2')).kind).to.equal('reused');
    });

    it('keeps the same key apart per subject, role and route', async () => {
      const key = scope();
      await store().start(key, 'h1');
      await store().complete(key, answer);
      for (const other of [{ subject: 'bob' }, { role: 'client' }, { route: 'POST /tickets' }]) {
        expect((await store().start({ ...key, ...other }, 'h2')).kind, JSON.stringify(other)).to.equal('started');
      }
    });

    it('answers in_flight while the first claim runs, and lets a claim older than the lease be taken over', async () => {
      const key = scope();
      await store().start(key, 'h1');
      expect((await store().start(key, 'h1')).kind).to.equal('in_flight');
      now += 60_001;
      expect((await store().start(key, 'h1')).kind).to.equal('started');
    });

    it('frees an abandoned key', async () => {
      const key = scope();
      await store().start(key, 'h1');
      await store().abandon(key);
      expect((await store().start(key, 'h2')).kind).to.equal('started');
    });

    it('answers expired, never a replay, once the retention has passed', async () => {
      const key = scope();
      await store().start(key, 'h1');
      await store().complete(key, answer);
      now += 3_600_000;
      expect(await store().start(key, 'h1')).to.deep.equal({ kind: 'expired', firstUsedAt: 1_900_000_000_000 });
      expect((await store().start(key, 'h2')).kind).to.equal('expired');
    });
  });
}
