import { expect } from 'chai';
import fc from 'fast-check';
import { jsonDepthExceeds } from './json-depth.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Depth as JSON.parse sees it: the reference the scanner must agree with. */
const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

describe('jsonDepthExceeds', () => {
  it('counts nested arrays and objects', () => {
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[]}]}'), 4)).to.equal(false);
    expect(jsonDepthExceeds(bytes('{"a":[{"b":[[]]}]}'), 4)).to.equal(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(bytes(JSON.stringify({ a: '[[[[{{{{"\\\\"[[[[' })), 1)).to.equal(false);
  });

  it('agrees with the parsed depth on any JSON value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 0, max: 14 }), (value, limit) => {
        const text = JSON.stringify(value);
        expect(jsonDepthExceeds(bytes(text), limit)).to.equal(depthOf(value) > limit);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });
});
