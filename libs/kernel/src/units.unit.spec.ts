import { expect } from 'chai';
import { roundHalfUpDiv } from '#kernel';

describe('roundHalfUpDiv', () => {
  it('rounds an exact half up', () => expect(roundHalfUpDiv(90 * 15001, 60)).to.equal(22502)); // 22501.5
  it('rounds below a half down', () => expect(roundHalfUpDiv(61, 60)).to.equal(1));
  it('keeps exact quotients', () => expect(roundHalfUpDiv(120, 60)).to.equal(2));
  it('refuses a zero denominator', () => expect(() => roundHalfUpDiv(1, 0)).to.throw(RangeError));
});
