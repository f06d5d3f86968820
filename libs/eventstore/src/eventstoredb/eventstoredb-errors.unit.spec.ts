import { expect } from 'chai';
import { StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../errors.js';
import { isStreamNotFound, isWrongExpectedVersion, toWrongExpectedRevision } from './eventstoredb-errors.js';

const wrongVersion = (expected: bigint | 'no_stream' | 'any' | 'stream_exists', current: bigint | 'no_stream') =>
  new WrongExpectedVersionError(undefined, { streamName: 'account-1', expected, current });

describe('EventStoreDB error mapping', () => {
  it('turns a wrong expected version on an existing stream into the port error with the number', () => {
    const error = toWrongExpectedRevision(wrongVersion(3n, 5n), 'account-1', 3);
    expect(error).to.be.instanceOf(WrongExpectedRevisionError);
    expect(error).to.include({ code: 'WRONG_EXPECTED_REVISION', stream: 'account-1', expected: 3, actual: 5 });
  });
  it('reports a missing stream as no_stream', () => {
    const error = toWrongExpectedRevision(wrongVersion('stream_exists', 'no_stream'), 'account-1', 'stream_exists');
    expect(error).to.include({ expected: 'stream_exists', actual: 'no_stream' });
  });
  it('falls back to the expectation the server reports', () => {
    expect(toWrongExpectedRevision(wrongVersion(NO_STREAM_LEGACY, 0n), 'account-1')).to.include({
      expected: 'no_stream',
      actual: 0,
    });
  });
  it('keeps the stream name the caller used when the server sends none', () => {
    const bare = new WrongExpectedVersionError(undefined, { streamName: '', expected: 1n, current: 2n });
    expect(toWrongExpectedRevision(bare, 'ticket-9', 1).stream).to.equal('ticket-9');
  });
  it('recognises the client errors by their type, also as plain objects', () => {
    expect(isWrongExpectedVersion(wrongVersion(1n, 2n))).to.equal(true);
    expect(isWrongExpectedVersion({ type: 'wrong-expected-version' })).to.equal(true);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'account-1'))).to.equal(true);
    expect(isStreamNotFound(wrongVersion(1n, 2n))).to.equal(false);
    expect(isWrongExpectedVersion(new Error('wrong-expected-version'))).to.equal(false);
    expect(isStreamNotFound(undefined)).to.equal(false);
  });
});

const NO_STREAM_LEGACY = -1n;
