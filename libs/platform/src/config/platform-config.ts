import { isAbsolute, resolve } from 'node:path';
import { eventStoreDbConnectionProblems } from '#eventstore';
import { choiceVar, integerVar, listVar, optionalVar, parseEnv, patternVar, portOrOffVar, textVar } from './env-vars.js';

import { ATTACHMENT_STORE_VARIABLES, attachmentStoreOf, attachmentStoreProblems, type AttachmentStoreSettings } from './attachment-settings.js';
import { SMTP_VARIABLES, smtpConfigured, smtpSettingsOf, type SmtpSettings } from './smtp-settings.js';
import { SIGNING_VARIABLES, signingConfigOf, signingProblems, type SigningConfig } from './signing-settings.js';

export { JWT_ALGORITHMS, type JwtAlgorithm, type SigningConfig } from './signing-settings.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Projections, reactors and the scheduler (HOURBANK_WORKER and the variables of their deadlines). */
export interface WorkerSettings {
  /** `embedded` runs projections, reactors and the scheduler in this process; `off` only reads. */
  readonly mode: 'embedded' | 'off';
  readonly schedulerIntervalMs: number;
  readonly autoCloseBusinessDays: number;
  readonly snapshotEvery: number;
  /** The log notary signs a checkpoint after this many events... */
  readonly logCheckpointEvery: number;
  /** ...and this often when events arrived since the last one. */
  readonly logCheckpointIntervalMs: number;
  /** On PostgreSQL: how long a worker's claim on a consumer lasts without renewal (HOURBANK_CLAIM_TTL_MS). */
  readonly claimTtlMs: number;
  /** On PostgreSQL: partitions of each reactor, shared among the workers (HOURBANK_REACTOR_PARTITIONS). */
  readonly reactorPartitions: number;
  /** On PostgreSQL: how long an operator's retry or skip waits for the worker holding the consumer (HOURBANK_OPERATOR_WAIT_SECONDS). */
  readonly operatorWaitMs: number;
}

/** The SSE feed's limits. */
export interface FeedSettings {
  readonly heartbeatMs: number;
  readonly maxStreams: number;
  readonly maxStreamsPerSubject: number;
  /** How far behind the head a stream may start; farther back, a client pages with GET /feed first. */
  readonly maxCatchUpEvents: number;
}

/** Ticket rules a host configures, and the conversation's attachments. */
export interface TicketSettings {
  /** How far logged time may pass the approved estimate (percent of it) before a new approval is needed. */
  readonly overrunMarginPercent: number;
  readonly attachmentMaxBytes: number;
  /** HOURBANK_ATTACHMENT_STORE: the data dir, PostgreSQL (the default with HOURBANK_DATABASE_URL) or an S3-compatible bucket. */
  readonly attachmentStore: AttachmentStoreSettings;
}

export interface PlatformConfig {
  readonly nodeEnv: string;
  /** Every NODE_ENV but development, dev and test (any case): the test clock is refused, the JWT secret must exist. */
  readonly productionLike: boolean;
  readonly port: number;
  /** Absolute path; holds the SQLite files, the JWT secret and the test clock's instant. */
  readonly dataDir: string;
  /** `esdb://…` EventStoreDB, `postgres://…` PostgreSQL; unset: `<dataDir>/events.sqlite`. */
  readonly eventStoreConnectionString?: string;
  /**
   * HOURBANK_DATABASE_URL (`postgres://…`): read models, checkpoints, due items, parked events, snapshots and
   * idempotency records live in PostgreSQL, shared by every replica; unset, in SQLite files under the data dir.
   */
  readonly databaseUrl?: string;
  /** Where the embedded store commits appends: `thread` (group commit off the event loop) or `inline`. */
  readonly sqliteWriter: 'thread' | 'inline';
  readonly testClock: boolean;
  readonly logLevel: LogLevel;
  readonly jwt: { readonly issuer: string; readonly audience: string };
  /** Token and session keys from configuration, the same on every replica; none given: `<dataDir>/jwt-secret` (development only). */
  readonly signing: SigningConfig;
  readonly bodyLimitBytes: number;
  /** Deepest nesting of arrays and objects a JSON body may have. */
  readonly bodyMaxDepth: number;
  readonly throttle: { readonly limit: number; readonly ttlMs: number };
  /** Empty: CORS off. */
  readonly corsOrigins: readonly string[];
  /** How long a SIGTERM waits for requests in flight before it cuts them. */
  readonly shutdownTimeoutMs: number;
  readonly idempotencyRetentionMs: number;
  /** How long a request in flight holds its key before a retry (on any replica) may take it over. */
  readonly idempotencyLeaseMs: number;
  /** When set, GET /metrics wants `Authorization: Bearer <it>`. */
  readonly metricsToken?: string;
  /** Readiness fails when a running projection or reactor is more events than this behind the head. */
  readonly readinessMaxLagEvents: number;
  /** Every response says where its time went (`Server-Timing`): for measuring, off by default. */
  readonly serverTiming: boolean;
  readonly worker: WorkerSettings;
  readonly tickets: TicketSettings;
  readonly feed: FeedSettings;
  readonly identity: IdentityConfig;
  /** The Ed25519 key the log notary signs checkpoints with (PEM inline or a file); neither: one kept in the data dir. */
  readonly logSigning: { readonly key?: string; readonly keyFile?: string };
  /** The agency that issues the monthly reports: printed on them and recorded with each issue. */
  readonly reportIssuer: { readonly name: string; readonly document?: string; readonly contact?: string };
  /** The worker process's own health and metrics listener (HOURBANK_WORKER_HTTP_PORT); absent: none. */
  readonly workerHttp?: { readonly port: number; readonly host: string };
}

/** Sign-in, sessions and one-time links (see docs/identity.md). */
export interface IdentityConfig {
  /** Base of the links in e-mails and of the first-manager link; absent: http://localhost:<listening port>. */
  readonly publicUrl?: string;
  readonly sessionHours: number;
  /** `false` only for a plain-HTTP deployment that is not on localhost (browsers drop Secure cookies there). */
  readonly cookieSecure: boolean;
  readonly lockout: { readonly maxFailures: number; readonly lockoutMinutes: number };
  /** Sign-in, invitation and reset requests per client IP per minute. */
  readonly signInThrottlePerMinute: number;
  readonly invitationTtlHours: number;
  readonly passwordResetTtlMinutes: number;
  /** Where invitations and resets are sent from; absent: not sent, the link is logged (and shown to the inviting manager). */
  readonly smtp?: SmtpSettings;
  readonly mailFrom: string;
}

const DEVELOPMENT_ENVS = ['development', 'dev', 'test'];

/** The rule: only development, dev and test (trimmed, any case) are not production-like; unset means development. */
export const isProductionLike = (nodeEnv: string): boolean => !DEVELOPMENT_ENVS.includes(nodeEnv.trim().toLowerCase());

/** Every variable the API, the worker and the CLI read, in one schema. */
const VARIABLES = {
  NODE_ENV: textVar('development'),
  PORT: integerVar(3000, 0, 65535),
  HOURBANK_DATA_DIR: textVar('./data'),
  EVENTSTORE_CONNECTION_STRING: patternVar(/^(esdb(\+discover)?|postgres(ql)?):\/\//, 'start with esdb://, esdb+discover://, postgres:// or postgresql://', { secret: true }),
  HOURBANK_DATABASE_URL: patternVar(/^postgres(ql)?:\/\//, 'start with postgres:// or postgresql://', { secret: true }),
  HOURBANK_TEST_CLOCK: choiceVar(['on', 'off'], 'off'),
  LOG_LEVEL: choiceVar(LOG_LEVELS, 'info'),
  HOURBANK_JWT_ISSUER: textVar('hour-bank'),
  HOURBANK_JWT_AUDIENCE: textVar('hour-bank'),
  ...SIGNING_VARIABLES,
  HOURBANK_BODY_LIMIT_BYTES: integerVar(64 * 1024, 1024, 10 * 1024 * 1024),
  HOURBANK_BODY_MAX_DEPTH: integerVar(32, 2, 512),
  HOURBANK_THROTTLE_LIMIT: integerVar(120, 1, 1_000_000),
  HOURBANK_THROTTLE_TTL_SECONDS: integerVar(60, 1, 86_400),
  HOURBANK_CORS_ORIGINS: listVar(),
  HOURBANK_SHUTDOWN_TIMEOUT_SECONDS: integerVar(10, 1, 600),
  HOURBANK_IDEMPOTENCY_RETENTION_HOURS: integerVar(7 * 24, 1, 24 * 366),
  HOURBANK_IDEMPOTENCY_LEASE_SECONDS: integerVar(60, 1, 3600),
  HOURBANK_METRICS_TOKEN: optionalVar(),
  HOURBANK_READINESS_MAX_LAG_EVENTS: integerVar(10_000, 1, 1_000_000_000),
  HOURBANK_SERVER_TIMING: choiceVar(['on', 'off'], 'off'),
  HOURBANK_SQLITE_WRITER: choiceVar(['thread', 'inline'], 'thread'),
  HOURBANK_WORKER: choiceVar(['embedded', 'off'], 'embedded'),
  HOURBANK_SCHEDULER_INTERVAL_MS: integerVar(1000, 1, 86_400_000),
  HOURBANK_AUTO_CLOSE_BUSINESS_DAYS: integerVar(5, 1, 365),
  HOURBANK_SNAPSHOT_EVERY: integerVar(20, 1, 1_000_000),
  HOURBANK_OVERRUN_MARGIN_PERCENT: integerVar(10, 0, 1000),
  HOURBANK_ATTACHMENT_MAX_BYTES: integerVar(10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  ...ATTACHMENT_STORE_VARIABLES,
  HOURBANK_CLAIM_TTL_MS: integerVar(15_000, 1000, 3_600_000),
  HOURBANK_REACTOR_PARTITIONS: integerVar(4, 1, 64),
  HOURBANK_OPERATOR_WAIT_SECONDS: integerVar(30, 1, 600),
  HOURBANK_FEED_HEARTBEAT_SECONDS: integerVar(15, 1, 300),
  HOURBANK_FEED_MAX_STREAMS: integerVar(100, 1, 100_000),
  HOURBANK_FEED_MAX_STREAMS_PER_SUBJECT: integerVar(5, 1, 10_000),
  HOURBANK_FEED_MAX_CATCH_UP_EVENTS: integerVar(10_000, 0, 1_000_000_000),
  HOURBANK_PUBLIC_URL: patternVar(/^https?:\/\/[^/]+/, 'be an http(s) URL such as https://horas.example.com'),
  HOURBANK_SESSION_HOURS: integerVar(12, 1, 24 * 30),
  HOURBANK_COOKIE_SECURE: choiceVar(['true', 'false'], 'true'),
  HOURBANK_SIGNIN_MAX_FAILURES: integerVar(5, 1, 100),
  HOURBANK_SIGNIN_LOCKOUT_MINUTES: integerVar(15, 1, 24 * 60),
  HOURBANK_SIGNIN_THROTTLE_PER_MINUTE: integerVar(20, 1, 100_000),
  HOURBANK_INVITATION_TTL_HOURS: integerVar(168, 1, 24 * 90),
  HOURBANK_PASSWORD_RESET_TTL_MINUTES: integerVar(60, 5, 24 * 60),
  HOURBANK_LOG_SIGNING_KEY: patternVar(/-----BEGIN PRIVATE KEY-----/, 'be a PEM Ed25519 private key (-----BEGIN PRIVATE KEY-----…)', { secret: true }),
  HOURBANK_LOG_SIGNING_KEY_FILE: optionalVar(),
  HOURBANK_LOG_CHECKPOINT_EVERY: integerVar(1000, 1, 1_000_000_000),
  HOURBANK_LOG_CHECKPOINT_SECONDS: integerVar(60, 1, 86_400),
  HOURBANK_ISSUER_NAME: textVar('Hour Bank'),
  HOURBANK_ISSUER_DOCUMENT: optionalVar(),
  HOURBANK_ISSUER_CONTACT: optionalVar(),
  ...SMTP_VARIABLES,
  HOURBANK_WORKER_HTTP_PORT: portOrOffVar(),
  HOURBANK_WORKER_HTTP_HOST: textVar('127.0.0.1'),
};

type Values = ReturnType<typeof parseEnv<typeof VARIABLES>>;

const identityConfig = (v: Values): IdentityConfig => {
  const publicUrl = v.HOURBANK_PUBLIC_URL?.replace(/\/+$/, '');
  return {
    ...(publicUrl !== undefined && { publicUrl }),
    sessionHours: v.HOURBANK_SESSION_HOURS,
    cookieSecure: v.HOURBANK_COOKIE_SECURE === 'true',
    lockout: { maxFailures: v.HOURBANK_SIGNIN_MAX_FAILURES, lockoutMinutes: v.HOURBANK_SIGNIN_LOCKOUT_MINUTES },
    signInThrottlePerMinute: v.HOURBANK_SIGNIN_THROTTLE_PER_MINUTE,
    invitationTtlHours: v.HOURBANK_INVITATION_TTL_HOURS,
    passwordResetTtlMinutes: v.HOURBANK_PASSWORD_RESET_TTL_MINUTES,
    ...(smtpConfigured(v) && { smtp: smtpSettingsOf(v) }),
    mailFrom: v.HOURBANK_SMTP_FROM,
  };
};

type Env = Readonly<Record<string, string | undefined>>;

export interface LoadConfigOptions {
  /** The process checks tokens (an API, the CLI): production-like, it needs configured keys. The worker does not. */
  readonly checksTokens?: boolean;
}

function crossChecks(env: Env, { checksTokens = true }: LoadConfigOptions): string[] {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  const productionLike = isProductionLike(nodeEnv);
  if (env.HOURBANK_TEST_CLOCK?.trim() === 'on' && productionLike) {
    problems.push(`HOURBANK_TEST_CLOCK=on is refused when NODE_ENV is "${nodeEnv}" (only ${DEVELOPMENT_ENVS.join(', ')} allow it)`);
  }
  const logKey = !!env.HOURBANK_LOG_SIGNING_KEY?.trim() || !!env.HOURBANK_LOG_SIGNING_KEY_FILE?.trim();
  if (env.HOURBANK_LOG_SIGNING_KEY?.trim() && env.HOURBANK_LOG_SIGNING_KEY_FILE?.trim()) {
    problems.push('Set HOURBANK_LOG_SIGNING_KEY or HOURBANK_LOG_SIGNING_KEY_FILE, not both');
  }
  if (productionLike && env.HOURBANK_DATABASE_URL?.trim() && !logKey) {
    problems.push(
      `NODE_ENV is "${nodeEnv}" and HOURBANK_DATABASE_URL is set: the workers share the log notary and sign its checkpoints in turn, ` +
        'so they need one key from configuration: HOURBANK_LOG_SIGNING_KEY or HOURBANK_LOG_SIGNING_KEY_FILE (openssl genpkey -algorithm ed25519)',
    );
  }
  problems.push(...signingProblems(env, { productionLike, nodeEnv, checksTokens }));
  const connection = env.EVENTSTORE_CONNECTION_STRING?.trim();
  problems.push(...attachmentStoreProblems(env));
  if (connection && /^esdb(\+discover)?:\/\//.test(connection)) problems.push(...eventStoreDbConnectionProblems(connection));
  return problems;
}

/** Reads and validates the whole configuration; every problem is reported at once. Pure: touches no file. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd(), options: LoadConfigOptions = {}): PlatformConfig {
  const v = parseEnv(VARIABLES, env, (all) => crossChecks(all, options));
  return {
    nodeEnv: v.NODE_ENV,
    productionLike: isProductionLike(v.NODE_ENV),
    port: v.PORT,
    dataDir: isAbsolute(v.HOURBANK_DATA_DIR) ? v.HOURBANK_DATA_DIR : resolve(cwd, v.HOURBANK_DATA_DIR),
    ...(v.EVENTSTORE_CONNECTION_STRING !== undefined && { eventStoreConnectionString: v.EVENTSTORE_CONNECTION_STRING }),
    ...(v.HOURBANK_DATABASE_URL !== undefined && { databaseUrl: v.HOURBANK_DATABASE_URL }),
    testClock: v.HOURBANK_TEST_CLOCK === 'on',
    logLevel: v.LOG_LEVEL,
    jwt: { issuer: v.HOURBANK_JWT_ISSUER, audience: v.HOURBANK_JWT_AUDIENCE },
    signing: signingConfigOf(v, cwd),
    bodyLimitBytes: v.HOURBANK_BODY_LIMIT_BYTES,
    bodyMaxDepth: v.HOURBANK_BODY_MAX_DEPTH,
    throttle: { limit: v.HOURBANK_THROTTLE_LIMIT, ttlMs: v.HOURBANK_THROTTLE_TTL_SECONDS * 1000 },
    corsOrigins: v.HOURBANK_CORS_ORIGINS,
    shutdownTimeoutMs: v.HOURBANK_SHUTDOWN_TIMEOUT_SECONDS * 1000,
    idempotencyRetentionMs: v.HOURBANK_IDEMPOTENCY_RETENTION_HOURS * 3_600_000,
    idempotencyLeaseMs: v.HOURBANK_IDEMPOTENCY_LEASE_SECONDS * 1000,
    ...(v.HOURBANK_METRICS_TOKEN !== undefined && { metricsToken: v.HOURBANK_METRICS_TOKEN }),
    readinessMaxLagEvents: v.HOURBANK_READINESS_MAX_LAG_EVENTS,
    serverTiming: v.HOURBANK_SERVER_TIMING === 'on',
    sqliteWriter: v.HOURBANK_SQLITE_WRITER,
    worker: {
      mode: v.HOURBANK_WORKER,
      schedulerIntervalMs: v.HOURBANK_SCHEDULER_INTERVAL_MS,
      autoCloseBusinessDays: v.HOURBANK_AUTO_CLOSE_BUSINESS_DAYS,
      snapshotEvery: v.HOURBANK_SNAPSHOT_EVERY,
      logCheckpointEvery: v.HOURBANK_LOG_CHECKPOINT_EVERY,
      logCheckpointIntervalMs: v.HOURBANK_LOG_CHECKPOINT_SECONDS * 1000,
      claimTtlMs: v.HOURBANK_CLAIM_TTL_MS,
      reactorPartitions: v.HOURBANK_REACTOR_PARTITIONS,
      operatorWaitMs: v.HOURBANK_OPERATOR_WAIT_SECONDS * 1000,
    },
    tickets: { overrunMarginPercent: v.HOURBANK_OVERRUN_MARGIN_PERCENT, attachmentMaxBytes: v.HOURBANK_ATTACHMENT_MAX_BYTES, attachmentStore: attachmentStoreOf(v) },
    feed: {
      heartbeatMs: v.HOURBANK_FEED_HEARTBEAT_SECONDS * 1000,
      maxStreams: v.HOURBANK_FEED_MAX_STREAMS,
      maxStreamsPerSubject: v.HOURBANK_FEED_MAX_STREAMS_PER_SUBJECT,
      maxCatchUpEvents: v.HOURBANK_FEED_MAX_CATCH_UP_EVENTS,
    },
    identity: identityConfig(v),
    logSigning: {
      ...(v.HOURBANK_LOG_SIGNING_KEY !== undefined && { key: v.HOURBANK_LOG_SIGNING_KEY }),
      ...(v.HOURBANK_LOG_SIGNING_KEY_FILE !== undefined && { keyFile: v.HOURBANK_LOG_SIGNING_KEY_FILE }),
    },
    reportIssuer: {
      name: v.HOURBANK_ISSUER_NAME,
      ...(v.HOURBANK_ISSUER_DOCUMENT !== undefined && { document: v.HOURBANK_ISSUER_DOCUMENT }),
      ...(v.HOURBANK_ISSUER_CONTACT !== undefined && { contact: v.HOURBANK_ISSUER_CONTACT }),
    },
    ...(v.HOURBANK_WORKER_HTTP_PORT !== 'off' && { workerHttp: { port: v.HOURBANK_WORKER_HTTP_PORT, host: v.HOURBANK_WORKER_HTTP_HOST } }),
  };
}

export const PLATFORM_CONFIG = Symbol.for('hourbank.PlatformConfig');
