import { expect } from 'chai';
import { Draft } from './draft.js';

describe('Draft (copy-on-write inside one fold)', () => {
  it('copies a record it does not own once, then changes its copy in place', () => {
    const draft = new Draft();
    const given = { a: 1 };
    const first = draft.set(given, 'b', 2);
    const second = draft.set(first, 'c', 3);
    expect(given).to.deep.equal({ a: 1 });
    expect(second).to.equal(first);
    expect(second).to.deep.equal({ a: 1, b: 2, c: 3 });
  });

  it('never changes what another draft made', () => {
    const made = new Draft().push([1], 2);
    const other = new Draft().push(made, 3);
    expect(made).to.deep.equal([1, 2]);
    expect(other).to.deep.equal([1, 2, 3]);
  });

  it('copies on every change when it owns nothing (Draft.copying)', () => {
    const first = Draft.copying.set({ a: 1 }, 'b', 2);
    const second = Draft.copying.set(first, 'c', 3);
    expect(first).to.deep.equal({ a: 1, b: 2 });
    expect(second).to.not.equal(first);
  });

  it('removes a key from its own copy, and leaves a record without the key as it is', () => {
    const draft = new Draft();
    const given = { a: 1, b: 2 };
    expect(draft.without(given, 'z')).to.equal(given);
    expect(draft.without(given, 'a')).to.deep.equal({ b: 2 });
    expect(given).to.deep.equal({ a: 1, b: 2 });
  });
});
