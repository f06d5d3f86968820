import { expect } from 'chai';
import type { EventStore } from '#eventstore';
import { isWrongExpectedRevision } from '#eventstore';
import { collect, ContractFixture, ids } from './contract-fixture.js';

type GetStore = () => EventStore;

export function concurrencyContract(getStore: GetStore): void {
  describe('concurrent appenders', () => {
    it('on one stream: exactly one wins each revision, the others get the concurrency error', async () => {
      const f = new ContractFixture();
      const stream = f.stream('contended');
      const winners: string[] = [];
      for (let revision = 0; revision < 10; revision++) {
        const expected = revision === 0 ? 'no_stream' : revision - 1;
        const contenders = f.events(5);
        const outcomes = await Promise.allSettled(contenders.map((e) => getStore().append(stream, [e], expected)));
        const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [contenders[i]!.id] : []));
        const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(won, `revision ${revision}`).to.have.length(1);
        expect(lost).to.have.length(4);
        lost.forEach((error) => expect(error).to.satisfy(isWrongExpectedRevision).and.include({ actual: revision }));
        winners.push(...won);
      }
      expect(ids(await collect(getStore().readStream(stream)))).to.deep.equal(winners);
    });

    it('writers that reload and retry all get through, with no revision lost or repeated', async () => {
      const f = new ContractFixture();
      const stream = f.stream('retried');
      const writer = async (name: string) => {
        let conflicts = 0;
        for (let done = 0; done < 8; ) {
          const [last] = await collect(getStore().readStream(stream, { direction: 'backwards', maxCount: 1 }));
          try {
            await getStore().append(stream, [f.event(name)], last === undefined ? 'no_stream' : last.revision);
            done += 1;
          } catch (error) {
            if (!isWrongExpectedRevision(error)) throw error;
            conflicts += 1;
          }
        }
        return conflicts;
      };
      await Promise.all(['w1', 'w2', 'w3', 'w4'].map(writer));
      const events = await collect(getStore().readStream(stream));
      expect(events.map((e) => e.revision)).to.deep.equal([...Array(32).keys()]);
      for (const name of ['w1', 'w2', 'w3', 'w4']) expect(events.filter((e) => e.type === f.type(name))).to.have.length(8);
    });
  });

  describe('ordering across streams', () => {
    it('appends racing on many streams get distinct, increasing positions that read back in order', async () => {
      const f = new ContractFixture();
      const start = await f.mark(getStore());
      const results = await Promise.all(
        Array.from({ length: 24 }, (_, i) => getStore().append(f.stream(`o${i % 6}`), f.events(1 + (i % 3)), 'any')),
      );
      const events = await collect(getStore().readAll({ after: start }), (e) => f.ours(e));
      const positions = events.map((e) => e.position);
      positions.forEach((p, i) => i > 0 && expect(p).to.be.above(positions[i - 1]!));
      expect(events).to.have.length(results.length * 2);
      for (let s = 0; s < 6; s++) {
        const revisions = events.filter((e) => e.stream === f.stream(`o${s}`)).map((e) => e.revision);
        expect(revisions).to.deep.equal([...Array(revisions.length).keys()]);
      }
    });
  });
}
