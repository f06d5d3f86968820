import { expect } from 'chai';
import { ConfigError, loadConfig } from './platform-config.js';

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
    it('keeps the test clock off', () => expect(config.testClock).to.equal(false));
    it("uses 'hour-bank' as issuer and audience", () => expect(config.jwt).to.deep.equal({ issuer: 'hour-bank', audience: 'hour-bank' }));
    it('limits bodies to 64 kB and leaves CORS off', () => expect([config.bodyLimitBytes, config.corsOrigins]).to.deep.equal([65536, []]));
  });

  it('refuses the test clock in production', () => {
    const secret = 'a'.repeat(43);
    expect(problemsOf({ NODE_ENV: 'production', HOURBANK_TEST_CLOCK: 'on', HOURBANK_JWT_SECRET: secret })).to.deep.equal(['HOURBANK_TEST_CLOCK=on is refused when NODE_ENV=production']);
  });

  it('reports every invalid variable at once', () => {
    const problems = problemsOf({ PORT: 'eighty', HOURBANK_TEST_CLOCK: 'yes', LOG_LEVEL: 'loud', EVENTSTORE_CONNECTION_STRING: 'http://x' });
    expect(problems).to.have.length(4);
    expect(problems).to.include('PORT must be an integer from 0 to 65535, got "eighty"');
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
