import { expect } from 'chai';
import { readModelDb } from './spec-fixtures.js';
import { TableMemory } from './table-memory.js';

describe('TableMemory', () => {
  it('keeps one value per database and table, the same one each time until forgotten', () => {
    const [a, b] = [readModelDb(), readModelDb()];
    let made = 0;
    const memory = new TableMemory(() => ({ n: ++made }));
    const first = memory.get(a, 't__g1');
    expect(memory.get(a, 't__g1')).to.equal(first);
    expect(memory.get(a, 't__g2')).to.not.equal(first);
    expect(memory.get(b, 't__g1')).to.not.equal(first);
    expect(memory.get(a, 't__g1')).to.equal(first);
    memory.forget(a, 't__g1');
    expect(memory.get(a, 't__g1')).to.deep.equal({ n: 4 });
    memory.forget(a, 't__g2');
    expect(memory.get(a, 't__g1')).to.deep.equal({ n: 4 });
    a.close();
    b.close();
  });
});
