import { expect } from 'chai';
import { ANY, NO_STREAM, START, STREAM_EXISTS } from '@eventstore/db-client';
import {
  expectationMet, fromEsdbCurrentRevision, fromEsdbExpectedRevision, numberToPosition, positionToNumber,
  readPositionFrom, toEsdbExpectedRevision, toSafeNumber,
} from './conversions.js';

const beyondSafe = BigInt(Number.MAX_SAFE_INTEGER) + 1n;

describe('EventStoreDB expected revision translation', () => {
  it('sends any, no stream and stream exists as the client constants', () => {
    expect(toEsdbExpectedRevision('any')).to.equal(ANY);
    expect(toEsdbExpectedRevision('no_stream')).to.equal(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).to.equal(STREAM_EXISTS);
  });
  it('sends an exact revision as a bigint', () => expect(toEsdbExpectedRevision(41)).to.equal(41n));
  it('refuses a negative or fractional revision', () => {
    expect(() => toEsdbExpectedRevision(-1)).to.throw(RangeError);
    expect(() => toEsdbExpectedRevision(1.5)).to.throw(RangeError);
  });
  it('reads the client constants back as the port values', () => {
    expect(fromEsdbExpectedRevision(ANY)).to.equal('any');
    expect(fromEsdbExpectedRevision(NO_STREAM)).to.equal('no_stream');
    expect(fromEsdbExpectedRevision(STREAM_EXISTS)).to.equal('stream_exists');
    expect(fromEsdbExpectedRevision(7n)).to.equal(7);
  });
  it('reads the legacy negative sentinels of error metadata', () => {
    expect(fromEsdbExpectedRevision(-1n)).to.equal('no_stream');
    expect(fromEsdbExpectedRevision(-2n)).to.equal('any');
    expect(fromEsdbExpectedRevision(-4n)).to.equal('stream_exists');
  });
  it('round-trips every port value', () => {
    for (const expected of ['any', 'no_stream', 'stream_exists', 0, 12] as const) {
      expect(fromEsdbExpectedRevision(toEsdbExpectedRevision(expected))).to.equal(expected);
    }
  });
  it('reads a current revision as a number, or no stream', () => {
    expect(fromEsdbCurrentRevision(3n)).to.equal(3);
    expect(fromEsdbCurrentRevision(NO_STREAM)).to.equal('no_stream');
    expect(fromEsdbCurrentRevision(-1n)).to.equal('no_stream');
  });
  it('checks an expectation against the current revision like the embedded store', () => {
    expect(expectationMet('any', 'no_stream')).to.equal(true);
    expect(expectationMet('no_stream', 0)).to.equal(false);
    expect(expectationMet('stream_exists', 'no_stream')).to.equal(false);
    expect(expectationMet(2, 2)).to.equal(true);
    expect(expectationMet(2, 3)).to.equal(false);
  });
});

describe('EventStoreDB revisions and positions as JS numbers', () => {
  it('converts a bigint up to Number.MAX_SAFE_INTEGER exactly', () => {
    expect(toSafeNumber(BigInt(Number.MAX_SAFE_INTEGER), 'revision')).to.equal(Number.MAX_SAFE_INTEGER);
  });
  it('refuses a bigint beyond Number.MAX_SAFE_INTEGER rather than round it', () => {
    expect(() => toSafeNumber(beyondSafe, 'revision')).to.throw(RangeError, /MAX_SAFE_INTEGER/);
    expect(() => positionToNumber({ commit: beyondSafe, prepare: beyondSafe })).to.throw(RangeError);
  });
  it('takes the commit position as the global position', () => {
    expect(positionToNumber({ commit: 1024n, prepare: 1024n })).to.equal(1024);
  });
  it('reads after a global position from commit and prepare both at it', () => {
    expect(numberToPosition(1024)).to.deep.equal({ commit: 1024n, prepare: 1024n });
    expect(readPositionFrom(1024)).to.deep.equal({ commit: 1024n, prepare: 1024n });
  });
  it('reads from the start when there is no checkpoint', () => expect(readPositionFrom(undefined)).to.equal(START));
  it('refuses an unsafe position on the way out', () => {
    expect(() => numberToPosition(Number.MAX_SAFE_INTEGER + 2)).to.throw(RangeError);
  });
});
