import { eventStoreDbConnectionProblems } from '#eventstore';
import { isAbsolute, resolve } from 'node:path';
import { readSmtpSettings, smtpConfigured, type SmtpSettings } from './smtp-settings.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface PlatformConfig {
  readonly nodeEnv: string;
  readonly port: number;
  /** Absolute path; holds the SQLite files, the JWT secret and the test clock's instant. */
  readonly dataDir: string;
  readonly eventStoreConnectionString?: string;
  /**
   * HOURBANK_DATABASE_URL (`postgres://…`): read models, checkpoints, due items, parked events, snapshots and
   * idempotency records live in PostgreSQL, shared by every replica; unset, in SQLite files under the data dir.
   */
  readonly databaseUrl?: string;
  readonly testClock: boolean;
  readonly logLevel: LogLevel;
  readonly jwt: { readonly issuer: string; readonly audience: string };
  /** Token keys from configuration, the same on every replica; none given: `<dataDir>/jwt-secret` (refused in production). */
  readonly signing: SigningConfig;
  readonly bodyLimitBytes: number;
  readonly throttle: { readonly limit: number; readonly ttlMs: number };
  /** Empty: CORS off. */
  readonly corsOrigins: readonly string[];
  /** HOURBANK_IDEMPOTENCY_LEASE_SECONDS: how long a request in flight holds its key before a retry may take it over. */
  readonly idempotencyLeaseMs: number;
  readonly identity: IdentityConfig;
}

export const JWT_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'] as const;

export interface SigningConfig {
  /** HOURBANK_JWT_SECRET: base64url of at least 32 bytes (HS256). */
  readonly secret?: string;
  /** HOURBANK_JWT_PUBLIC_KEY (PEM, SPKI): replicas verify with it; HOURBANK_JWT_PRIVATE_KEY (PEM, PKCS#8) only where tokens are minted. */
  readonly publicKeyPem?: string;
  readonly privateKeyPem?: string;
  readonly algorithm: (typeof JWT_ALGORITHMS)[number];
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

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  text(name: string, fallback: string): string {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? fallback : value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  choice<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
    return fallback;
  }
}

const identityConfig = (read: EnvReader, env: Env): IdentityConfig => {
  const publicUrl = read.optional('HOURBANK_PUBLIC_URL')?.replace(/\/+$/, '');
  return {
    ...(publicUrl !== undefined && { publicUrl }),
    sessionHours: read.integer('HOURBANK_SESSION_HOURS', 12, 1, 24 * 30),
    cookieSecure: read.choice('HOURBANK_COOKIE_SECURE', ['true', 'false'], 'true') === 'true',
    lockout: {
      maxFailures: read.integer('HOURBANK_SIGNIN_MAX_FAILURES', 5, 1, 100),
      lockoutMinutes: read.integer('HOURBANK_SIGNIN_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    },
    signInThrottlePerMinute: read.integer('HOURBANK_SIGNIN_THROTTLE_PER_MINUTE', 20, 1, 100_000),
    invitationTtlHours: read.integer('HOURBANK_INVITATION_TTL_HOURS', 168, 1, 24 * 90),
    passwordResetTtlMinutes: read.integer('HOURBANK_PASSWORD_RESET_TTL_MINUTES', 60, 5, 24 * 60),
    ...(smtpConfigured(env) && { smtp: readSmtpSettings(env, read.problems) }),
    mailFrom: read.text('HOURBANK_SMTP_FROM', 'Hour Bank <nao-responda@hourbank.local>'),
  };
};

/** Reads and validates the configuration; every problem is reported at once. Pure: touches no file. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): PlatformConfig {
  const read = new EnvReader(env);
  const nodeEnv = read.text('NODE_ENV', 'development');
  const dataDir = read.text('HOURBANK_DATA_DIR', './data');
  const testClock = read.choice('HOURBANK_TEST_CLOCK', ['on', 'off'], 'off') === 'on';
  if (testClock && nodeEnv === 'production') {
    read.problems.push('HOURBANK_TEST_CLOCK=on is refused when NODE_ENV=production');
  }
  const config: PlatformConfig = {
    nodeEnv,
    port: read.integer('PORT', 3000, 0, 65535),
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    eventStoreConnectionString: read.optional('EVENTSTORE_CONNECTION_STRING'),
    testClock,
    logLevel: read.choice('LOG_LEVEL', LOG_LEVELS, 'info'),
    databaseUrl: read.optional('HOURBANK_DATABASE_URL'),
    jwt: {
      issuer: read.text('HOURBANK_JWT_ISSUER', 'hour-bank'),
      audience: read.text('HOURBANK_JWT_AUDIENCE', 'hour-bank'),
    },
    signing: signingConfig(read, nodeEnv),
    bodyLimitBytes: read.integer('HOURBANK_BODY_LIMIT_BYTES', 64 * 1024, 1024, 10 * 1024 * 1024),
    throttle: {
      limit: read.integer('HOURBANK_THROTTLE_LIMIT', 120, 1, 1_000_000),
      ttlMs: read.integer('HOURBANK_THROTTLE_TTL_SECONDS', 60, 1, 86_400) * 1000,
    },
    corsOrigins: (read.optional('HOURBANK_CORS_ORIGINS') ?? '').split(',').map((o) => o.trim()).filter(Boolean),
    idempotencyLeaseMs: read.integer('HOURBANK_IDEMPOTENCY_LEASE_SECONDS', 60, 1, 3600) * 1000,
    identity: identityConfig(read, env),
  };
  if (config.identity.publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(config.identity.publicUrl)) {
    read.problems.push('HOURBANK_PUBLIC_URL must be an http(s) URL such as https://horas.example.com');
  }
  if (config.eventStoreConnectionString && !/^(esdb(\+discover)?|postgres(ql)?):\/\//.test(config.eventStoreConnectionString)) {
    read.problems.push('EVENTSTORE_CONNECTION_STRING must start with esdb://, esdb+discover://, postgres:// or postgresql://');
  } else if (config.eventStoreConnectionString && !/^postgres(ql)?:\/\//.test(config.eventStoreConnectionString)) {
    read.problems.push(...eventStoreDbConnectionProblems(config.eventStoreConnectionString));
  }
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    read.problems.push('HOURBANK_DATABASE_URL must start with postgres:// or postgresql://');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** PEM text may come with its line breaks written as `\n` (one-line environment values). */
const pem = (value: string | undefined): string | undefined => value?.replaceAll('\\n', '\n');

function signingConfig(read: EnvReader, nodeEnv: string): SigningConfig {
  const secret = read.optional('HOURBANK_JWT_SECRET');
  const publicKeyPem = pem(read.optional('HOURBANK_JWT_PUBLIC_KEY'));
  const privateKeyPem = pem(read.optional('HOURBANK_JWT_PRIVATE_KEY'));
  const algorithm = read.choice('HOURBANK_JWT_ALGORITHM', JWT_ALGORITHMS, 'EdDSA');
  if (secret !== undefined && (!/^[A-Za-z0-9_-]+$/.test(secret) || Buffer.from(secret, 'base64url').length < 32)) {
    read.problems.push('HOURBANK_JWT_SECRET must be base64url of at least 32 bytes (e.g. openssl rand -base64 32 | tr "+/" "-_" | tr -d "=")');
  }
  if (secret !== undefined && (publicKeyPem || privateKeyPem)) read.problems.push('Give HOURBANK_JWT_SECRET or a key pair, not both');
  if (privateKeyPem && !publicKeyPem) read.problems.push('HOURBANK_JWT_PRIVATE_KEY needs HOURBANK_JWT_PUBLIC_KEY beside it');
  if (nodeEnv === 'production' && secret === undefined && !publicKeyPem) {
    read.problems.push('NODE_ENV=production needs HOURBANK_JWT_SECRET or HOURBANK_JWT_PUBLIC_KEY: every replica must check tokens with the same key');
  }
  return { ...(secret && { secret }), ...(publicKeyPem && { publicKeyPem }), ...(privateKeyPem && { privateKeyPem }), algorithm };
}

export const PLATFORM_CONFIG = Symbol.for('hourbank.PlatformConfig');
