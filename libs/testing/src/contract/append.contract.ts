import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import { isWrongExpectedRevision } from '#eventstore';
import { collect, ContractFixture, expectRejection, ids } from './contract-fixture.js';

type GetStore = () => EventStore;

async function expectConflict(attempt: Promise<unknown>, stream: string, expected: unknown, actual: unknown) {
  const error = await expectRejection(attempt);
  expect(error, String(error)).to.satisfy(isWrongExpectedRevision);
  expect(error).to.include({ code: 'WRONG_EXPECTED_REVISION', stream, expected, actual });
}

export function appendContract(getStore: GetStore): void {
  describe('append with an expected revision', () => {
    const f = new ContractFixture();

    it('no_stream creates the stream and returns its last revision and a position', async () => {
      const result = await getStore().append(f.stream('a'), f.events(2), 'no_stream');
      expect(result.nextExpectedRevision).to.equal(1);
      expect(result.position).to.be.a('number').above(0);
    });

    it('no_stream on an existing stream is refused, naming expected and actual', async () => {
      const stream = f.stream('b');
      await getStore().append(stream, f.events(3), 'no_stream');
      await expectConflict(getStore().append(stream, f.events(1), 'no_stream'), stream, 'no_stream', 2);
    });

    it('stream_exists appends to an existing stream and is refused on a missing one', async () => {
      const stream = f.stream('c');
      await expectConflict(getStore().append(stream, f.events(1), 'stream_exists'), stream, 'stream_exists', 'no_stream');
      await getStore().append(stream, f.events(1), 'no_stream');
      expect((await getStore().append(stream, f.events(1), 'stream_exists')).nextExpectedRevision).to.equal(1);
    });

    it('an exact revision appends only when it is the last revision', async () => {
      const stream = f.stream('d');
      await getStore().append(stream, f.events(2), 'no_stream');
      expect((await getStore().append(stream, f.events(2), 1)).nextExpectedRevision).to.equal(3);
      await expectConflict(getStore().append(stream, f.events(1), 1), stream, 1, 3);
      await expectConflict(getStore().append(f.stream('d-missing'), f.events(1), 0), f.stream('d-missing'), 0, 'no_stream');
    });

    it('any appends whatever the state of the stream', async () => {
      const stream = f.stream('e');
      expect((await getStore().append(stream, f.events(1), 'any')).nextExpectedRevision).to.equal(0);
      expect((await getStore().append(stream, f.events(2), 'any')).nextExpectedRevision).to.equal(2);
    });

    it('a refused append writes nothing', async () => {
      const stream = f.stream('f');
      const written = f.events(2);
      await getStore().append(stream, written, 'no_stream');
      await expectRejection(getStore().append(stream, f.events(3), 0));
      expect(ids(await collect(getStore().readStream(stream)))).to.deep.equal(ids(written));
    });

    it('positions grow with every append, across streams', async () => {
      const first = await getStore().append(f.stream('g1'), f.events(1), 'any');
      const second = await getStore().append(f.stream('g2'), f.events(1), 'any');
      const third = await getStore().append(f.stream('g1'), f.events(1), 'any');
      expect(second.position).to.be.above(first.position);
      expect(third.position).to.be.above(second.position);
    });
  });

  describe('idempotent append', () => {
    const f = new ContractFixture();

    it('appending the same event ids at the same place returns the first result and writes nothing', async () => {
      const stream = f.stream('a');
      await getStore().append(stream, f.events(1), 'no_stream');
      const batch = f.events(3);
      const first = await getStore().append(stream, batch, 0);
      const again = await getStore().append(stream, batch, 0);
      expect(again).to.deep.equal(first);
      const stored = await collect(getStore().readStream(stream));
      expect(stored).to.have.length(4);
      expect(ids(stored.slice(1))).to.deep.equal(ids(batch));
    });

    // EventStoreDB recognises it only while its bounded cache of recent writes remembers the first (docs/eventstoredb.md).
    it('a repeat with expected revision any, right after the first write, is recognised too', async () => {
      const stream = f.stream('b');
      const batch = f.events(2);
      const first = await getStore().append(stream, batch, 'any');
      expect(await getStore().append(stream, batch, 'any')).to.deep.equal(first);
      expect(await collect(getStore().readStream(stream))).to.have.length(2);
    });
  });
}
