import { expect } from 'chai';
import { DEFAULT_SNAPSHOT_EVERY } from '#hour-bank';
import { DEFAULT_AUTO_CLOSE_BUSINESS_DAYS } from '#ticketing';
import { ConfigError } from './env-vars.js';
import { isProductionLike, loadConfig } from './platform-config.js';

const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    loadConfig(env, '/srv');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('loadConfig', () => {
  describe('with an empty environment', () => {
    const config = loadConfig({}, '/srv');
    it('listens on 3000 with data under ./data', () => expect([config.port, config.dataDir]).to.deep.equal([3000, '/srv/data']));
    it('keeps the test clock off in development', () => expect([config.testClock, config.nodeEnv, config.productionLike]).to.deep.equal([false, 'development', false]));
    it("uses 'hour-bank' as issuer and audience", () => expect(config.jwt).to.deep.equal({ issuer: 'hour-bank', audience: 'hour-bank' }));
    it('limits bodies to 64 kB and 32 levels and leaves CORS off', () => expect([config.bodyLimitBytes, config.bodyMaxDepth, config.corsOrigins]).to.deep.equal([65536, 32, []]));
    it('runs the worker embedded with the deadlines defaults of the libraries', () =>
      expect(config.worker).to.deep.equal({ mode: 'embedded', schedulerIntervalMs: 1000, autoCloseBusinessDays: DEFAULT_AUTO_CLOSE_BUSINESS_DAYS, snapshotEvery: DEFAULT_SNAPSHOT_EVERY }));
    it('bounds the feed', () => expect(config.feed).to.deep.equal({ heartbeatMs: 15_000, maxStreams: 100, maxStreamsPerSubject: 5, maxCatchUpEvents: 10_000 }));
  });

  describe('which NODE_ENV is production-like', () => {
    for (const value of ['production', 'Production', 'PRODUCTION', 'prod', 'staging', 'live', ' production ']) {
      it(`"${value}" is, and refuses the test clock`, () => {
        expect(isProductionLike(value)).to.equal(true);
        expect(problemsOf({ NODE_ENV: value, HOURBANK_TEST_CLOCK: 'on' })).to.deep.equal([
          `HOURBANK_TEST_CLOCK=on is refused when NODE_ENV is "${value.trim()}" (only development, dev, test allow it)`,
        ]);
      });
    }
    for (const value of ['development', 'Development', 'dev', 'test', 'TEST']) {
      it(`"${value}" is not, and allows the test clock`, () => {
        expect(isProductionLike(value)).to.equal(false);
        expect(loadConfig({ NODE_ENV: value, HOURBANK_TEST_CLOCK: 'on' }).testClock).to.equal(true);
      });
    }
  });

  it('reports every invalid variable at once, of every part of the system', () => {
    const problems = problemsOf({
      PORT: 'eighty', HOURBANK_TEST_CLOCK: 'yes', LOG_LEVEL: 'loud', EVENTSTORE_CONNECTION_STRING: 'http://x',
      HOURBANK_WORKER: 'sometimes', HOURBANK_FEED_HEARTBEAT_SECONDS: '0', HOURBANK_SNAPSHOT_EVERY: '1.5',
    });
    expect(problems).to.have.length(7);
    expect(problems).to.include('PORT must be an integer from 0 to 65535, got "eighty"');
    expect(problems).to.include('HOURBANK_WORKER must be one of embedded, off, got "sometimes"');
    expect(problems).to.include('HOURBANK_FEED_HEARTBEAT_SECONDS must be an integer from 1 to 300, got "0"');
    expect(problems).to.include('EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover://');
  });

  it('says how many problems there are, one per line', () => {
    const error = (() => {
      try {
        return loadConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error.message).to.equal('Invalid configuration (2 problems):\n  - PORT must be an integer from 0 to 65535, got "x"\n  - LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "y"');
  });

  it('refuses an EventStoreDB connection string that reports refused appends as results, or that does not parse', () => {
    expect(problemsOf({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false&throwOnAppendFailure=false' })).to.deep.equal([
      'EVENTSTORE_CONNECTION_STRING must not set throwOnAppendFailure=false: a refused append would look like a write',
    ]);
    expect(problemsOf({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=maybe' })[0]).to.match(/not a valid connection string/);
    expect(problemsOf({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false&throwOnAppendFailure=true' })).to.deep.equal([]);
  });

  it('keeps an absolute data dir as given', () => expect(loadConfig({ HOURBANK_DATA_DIR: '/var/hb' }).dataDir).to.equal('/var/hb'));
});
