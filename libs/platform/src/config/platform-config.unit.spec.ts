import { expect } from 'chai';
import { DEFAULT_SNAPSHOT_EVERY } from '#hour-bank';
import { DEFAULT_AUTO_CLOSE_BUSINESS_DAYS } from '#ticketing';
import { ConfigError } from './env-vars.js';
import { type LoadConfigOptions, isProductionLike, loadConfig } from './platform-config.js';

const SECRET = Buffer.alloc(32, 9).toString('base64url');

const problemsOf = (env: Record<string, string>, options: LoadConfigOptions = {}): readonly string[] => {
  try {
    loadConfig(env, '/srv', options);
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
      expect(config.worker).to.deep.equal({
        mode: 'embedded', schedulerIntervalMs: 1000, autoCloseBusinessDays: DEFAULT_AUTO_CLOSE_BUSINESS_DAYS, snapshotEvery: DEFAULT_SNAPSHOT_EVERY,
        logCheckpointEvery: 1000, logCheckpointIntervalMs: 60_000, claimTtlMs: 15_000, reactorPartitions: 4, operatorWaitMs: 30_000,
      }));
    it('signs log checkpoints with the data dir key and issues reports as Hour Bank', () =>
      expect([config.logSigning, config.reportIssuer]).to.deep.equal([{}, { name: 'Hour Bank' }]));
    it('keeps everything in the data dir, keys included', () =>
      expect([config.databaseUrl, config.eventStoreConnectionString, config.signing]).to.deep.equal([undefined, undefined, { algorithm: 'EdDSA' }]));
    it('bounds the feed', () => expect(config.feed).to.deep.equal({ heartbeatMs: 15_000, maxStreams: 100, maxStreamsPerSubject: 5, maxCatchUpEvents: 10_000 }));
  });

  it('refuses a log signing key that is not a PEM private key, and a key given twice', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env, '/srv');
        return [];
      } catch (error) {
        return (error as { problems: string[] }).problems;
      }
    };
    expect(problems({ HOURBANK_LOG_SIGNING_KEY: 'secret' }).join()).to.match(/HOURBANK_LOG_SIGNING_KEY must be a PEM Ed25519 private key/);
    expect(problems({ HOURBANK_LOG_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----x', HOURBANK_LOG_SIGNING_KEY_FILE: '/k.pem' })).to.include('Set HOURBANK_LOG_SIGNING_KEY or HOURBANK_LOG_SIGNING_KEY_FILE, not both');
  });

  describe('which NODE_ENV is production-like', () => {
    for (const value of ['production', 'Production', 'PRODUCTION', 'prod', 'staging', 'live', ' production ']) {
      it(`"${value}" is, and refuses the test clock`, () => {
        expect(isProductionLike(value)).to.equal(true);
        expect(problemsOf({ NODE_ENV: value, HOURBANK_TEST_CLOCK: 'on', HOURBANK_JWT_SECRET: SECRET })).to.deep.equal([
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
    expect(problems).to.include('EVENTSTORE_CONNECTION_STRING must start with esdb://, esdb+discover://, postgres:// or postgresql://');
  });

  it('lists the PostgreSQL, claim and key problems with the others, and never repeats a secret', () => {
    const problems = problemsOf({
      NODE_ENV: 'production', PORT: 'eighty', HOURBANK_DATABASE_URL: 'mysql://u:hunter2@db/hb', HOURBANK_CLAIM_TTL_MS: '10',
      HOURBANK_REACTOR_PARTITIONS: '65', HOURBANK_IDEMPOTENCY_LEASE_SECONDS: '0', HOURBANK_JWT_SECRET: 'hunter2', HOURBANK_JWT_SECRET_FILE: '/run/s',
    });
    expect(problems).to.deep.equal([
      'PORT must be an integer from 0 to 65535, got "eighty"',
      'HOURBANK_DATABASE_URL must start with postgres:// or postgresql://',
      'HOURBANK_JWT_SECRET must be base64url of at least 32 bytes (npm run cli -- create-jwt-secret --print makes one)',
      'HOURBANK_IDEMPOTENCY_LEASE_SECONDS must be an integer from 1 to 3600, got "0"',
      'HOURBANK_CLAIM_TTL_MS must be an integer from 1000 to 3600000, got "10"',
      'HOURBANK_REACTOR_PARTITIONS must be an integer from 1 to 64, got "65"',
      'Give HOURBANK_JWT_SECRET or HOURBANK_JWT_SECRET_FILE, not both',
    ].flatMap((line) => (line.startsWith('Give') ? [logKeyProblem, line] : [line])));
    expect(problems.join('\n')).not.to.contain('hunter2');
  });

  const logKeyProblem = 'NODE_ENV is "production" and HOURBANK_DATABASE_URL is set: the workers share the log notary and sign its checkpoints '
    + 'in turn, so they need one key from configuration: HOURBANK_LOG_SIGNING_KEY or HOURBANK_LOG_SIGNING_KEY_FILE (openssl genpkey -algorithm ed25519)';

  it('reads the PostgreSQL deployment: events and shared state on servers, a configured secret', () => {
    const config = loadConfig({
      NODE_ENV: 'production', EVENTSTORE_CONNECTION_STRING: 'postgres://hb@db/events', HOURBANK_DATABASE_URL: 'postgresql://hb@db/hb',
      HOURBANK_LOG_SIGNING_KEY_FILE: '/run/secrets/log-signing-key.pem',
      HOURBANK_JWT_SECRET: SECRET, HOURBANK_CLAIM_TTL_MS: '5000', HOURBANK_REACTOR_PARTITIONS: '8', HOURBANK_IDEMPOTENCY_LEASE_SECONDS: '30',
    }, '/srv');
    expect([config.eventStoreConnectionString, config.databaseUrl, config.signing.secret]).to.deep.equal(['postgres://hb@db/events', 'postgresql://hb@db/hb', SECRET]);
    expect([config.worker.claimTtlMs, config.worker.reactorPartitions, config.idempotencyLeaseMs]).to.deep.equal([5000, 8, 30_000]);
  });

  it('wants one log signing key from configuration for the workers sharing PostgreSQL in production, not in development', () => {
    const shared = { HOURBANK_DATABASE_URL: 'postgresql://hb@db/hb', HOURBANK_JWT_SECRET: SECRET };
    expect(problemsOf({ NODE_ENV: 'production', ...shared })).to.deep.equal([logKeyProblem]);
    expect(problemsOf({ NODE_ENV: 'production', ...shared }, { checksTokens: false })).to.deep.equal([logKeyProblem]);
    expect(problemsOf({ NODE_ENV: 'production', ...shared, HOURBANK_LOG_SIGNING_KEY_FILE: '/run/k.pem' })).to.deep.equal([]);
    expect(problemsOf(shared), 'development falls back to the data dir key').to.deep.equal([]);
  });

  describe('the production key rule', () => {
    const pair = { HOURBANK_JWT_PUBLIC_KEY_FILE: 'keys/jwt.pub', HOURBANK_SESSION_SECRET_FILE: '/run/secrets/session' };
    it('refuses a production-like API or CLI without a configured key, and says every way to give one', () => {
      for (const nodeEnv of ['production', 'staging']) {
        expect(problemsOf({ NODE_ENV: nodeEnv })).to.have.length(1).and.to.match(/tokens need a key from configuration.*HOURBANK_JWT_SECRET_FILE.*HOURBANK_JWT_PUBLIC_KEY/);
      }
    });
    it('accepts a secret, a secret file, or a key pair with a session secret', () => {
      expect(problemsOf({ NODE_ENV: 'production', HOURBANK_JWT_SECRET: SECRET })).to.deep.equal([]);
      expect(problemsOf({ NODE_ENV: 'production', HOURBANK_JWT_SECRET_FILE: '/run/secrets/jwt' })).to.deep.equal([]);
      expect(problemsOf({ NODE_ENV: 'production', ...pair })).to.deep.equal([]);
      expect(loadConfig({ NODE_ENV: 'production', ...pair }, '/srv').signing).to.deep.equal({
        publicKeyFile: '/srv/keys/jwt.pub', sessionSecretFile: '/run/secrets/session', algorithm: 'EdDSA',
      });
    });
    it('wants a session secret beside a key pair in production (cookie sessions are HMACs)', () => {
      expect(problemsOf({ NODE_ENV: 'production', HOURBANK_JWT_PUBLIC_KEY_FILE: '/k.pub' })).to.have.length(1).and.to.match(/HOURBANK_SESSION_SECRET/);
      expect(problemsOf({ HOURBANK_JWT_PUBLIC_KEY_FILE: '/k.pub' }), 'development falls back to the data dir').to.deep.equal([]);
    });
    it('refuses a secret beside a key pair, and a private key alone', () => {
      expect(problemsOf({ HOURBANK_JWT_SECRET: SECRET, HOURBANK_JWT_PUBLIC_KEY_FILE: '/k.pub' })).to.have.length(1).and.to.match(/not both/);
      expect(problemsOf({ HOURBANK_JWT_PRIVATE_KEY_FILE: '/k.pem' })).to.deep.equal(['HOURBANK_JWT_PRIVATE_KEY(_FILE) needs HOURBANK_JWT_PUBLIC_KEY(_FILE) beside it']);
    });
    it('does not ask a worker for keys it never uses', () => expect(problemsOf({ NODE_ENV: 'production' }, { checksTokens: false })).to.deep.equal([]));
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

  it('gives the worker process a health and metrics listener only when HOURBANK_WORKER_HTTP_PORT is set (0: a free port)', () => {
    expect(loadConfig({}).workerHttp).to.equal(undefined);
    expect(loadConfig({ HOURBANK_WORKER_HTTP_PORT: 'off' }).workerHttp).to.equal(undefined);
    expect(loadConfig({ HOURBANK_WORKER_HTTP_PORT: '9464' }).workerHttp).to.deep.equal({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ HOURBANK_WORKER_HTTP_PORT: '0', HOURBANK_WORKER_HTTP_HOST: '0.0.0.0' }).workerHttp).to.deep.equal({ port: 0, host: '0.0.0.0' });
    expect(() => loadConfig({ HOURBANK_WORKER_HTTP_PORT: '70000' })).to.throw(/HOURBANK_WORKER_HTTP_PORT must be off or a port from 0 to 65535, got "70000"/);
  });

  it('keeps an absolute data dir as given', () => expect(loadConfig({ HOURBANK_DATA_DIR: '/var/hb' }).dataDir).to.equal('/var/hb'));

  describe('where attachments are stored', () => {
    const PG = 'postgres://hb:pw@db:5432/hb';
    const storeOf = (env: Record<string, string>) => loadConfig(env, '/srv').tickets.attachmentStore;
    it('in the data dir by default, in PostgreSQL once HOURBANK_DATABASE_URL is set (every replica sees every file)', () => {
      expect(storeOf({})).to.deep.equal({ kind: 'data-dir' });
      expect(storeOf({ HOURBANK_DATABASE_URL: PG })).to.deep.equal({ kind: 'postgres', databaseUrl: PG });
      expect(storeOf({ HOURBANK_DATABASE_URL: PG, HOURBANK_ATTACHMENT_STORE: 'data-dir' })).to.deep.equal({ kind: 'data-dir' });
    });
    it('in an S3-compatible bucket when asked, with its endpoint, style, prefix and keys', () => {
      expect(storeOf({
        HOURBANK_ATTACHMENT_STORE: 's3', HOURBANK_S3_BUCKET: 'hb-files', HOURBANK_S3_ENDPOINT: 'https://s3.example.com', HOURBANK_S3_PREFIX: 'prod/',
        HOURBANK_S3_ACCESS_KEY_ID: 'AKIA1', HOURBANK_S3_SECRET_ACCESS_KEY: 'shh', HOURBANK_S3_FORCE_PATH_STYLE: 'false', HOURBANK_S3_REGION: 'sa-east-1',
      })).to.deep.equal({
        kind: 's3',
        s3: { bucket: 'hb-files', region: 'sa-east-1', endpoint: 'https://s3.example.com', forcePathStyle: false, prefix: 'prod/', credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'shh' } },
      });
      expect(storeOf({ HOURBANK_ATTACHMENT_STORE: 's3', HOURBANK_S3_BUCKET: 'hb-files' })).to.deep.equal({
        kind: 's3', s3: { bucket: 'hb-files', region: 'us-east-1', forcePathStyle: true, prefix: '' },
      });
    });
    it('refuses a store without what it needs, an unknown store, a bad bucket name and half a key pair, never repeating the secret', () => {
      const problems = problemsOf({
        HOURBANK_ATTACHMENT_STORE: 'postgres', HOURBANK_S3_BUCKET: 'No_Such', HOURBANK_S3_SECRET_ACCESS_KEY: 'very-secret-value',
      });
      expect(problems).to.deep.equal([
        'HOURBANK_S3_BUCKET must be an S3 bucket name (3–63 of a-z, 0-9, dot and hyphen), got "No_Such"',
        'HOURBANK_ATTACHMENT_STORE=postgres needs HOURBANK_DATABASE_URL',
        'HOURBANK_S3_ACCESS_KEY_ID and HOURBANK_S3_SECRET_ACCESS_KEY are set together or not at all',
      ]);
      expect(problems.join('\n')).not.to.contain('very-secret-value');
      expect(problemsOf({ HOURBANK_ATTACHMENT_STORE: 's3' })).to.deep.equal(['HOURBANK_ATTACHMENT_STORE=s3 needs HOURBANK_S3_BUCKET']);
      expect(problemsOf({ HOURBANK_ATTACHMENT_STORE: 'disk' })).to.deep.equal(['HOURBANK_ATTACHMENT_STORE must be one of data-dir, postgres, s3, got "disk"']);
    });
  });
});
