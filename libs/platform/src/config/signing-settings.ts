import { isAbsolute, resolve } from 'node:path';
import { choiceVar, optionalVar, patternVar } from './env-vars.js';

export const JWT_ALGORITHMS = ['EdDSA', 'ES256', 'RS256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

/**
 * Where the keys come from (docs/platform.md, "Keys"). Bearer tokens: a shared HS256 secret, or an asymmetric pair
 * whose public key is all a replica needs to verify. Cookie sessions and CSRF tokens are HMACs: their own secret, or
 * the bearer secret when there is one. Nothing configured: `<dataDir>/jwt-secret`, for development only.
 */
export interface SigningConfig {
  /** HOURBANK_JWT_SECRET: base64url of at least 32 bytes. */
  readonly secret?: string;
  /** HOURBANK_JWT_SECRET_FILE: an absolute path to a file holding it (mode 0600, e.g. a mounted secret). */
  readonly secretFile?: string;
  /** HOURBANK_JWT_PUBLIC_KEY (PEM, SPKI) or HOURBANK_JWT_PUBLIC_KEY_FILE. */
  readonly publicKeyPem?: string;
  readonly publicKeyFile?: string;
  /** HOURBANK_JWT_PRIVATE_KEY (PEM, PKCS#8) or HOURBANK_JWT_PRIVATE_KEY_FILE: only where tokens are minted. */
  readonly privateKeyPem?: string;
  readonly privateKeyFile?: string;
  readonly algorithm: JwtAlgorithm;
  /** HOURBANK_SESSION_SECRET or HOURBANK_SESSION_SECRET_FILE: the key of cookie sessions and CSRF tokens. */
  readonly sessionSecret?: string;
  readonly sessionSecretFile?: string;
}

const BASE64URL_32 = /^[A-Za-z0-9_-]{43,}$/;
const SECRET_RULE = 'be base64url of at least 32 bytes (npm run cli -- create-jwt-secret --print makes one)';

/** The signing variables of the API's schema. Values that are keys are never repeated in a message. */
export const SIGNING_VARIABLES = {
  HOURBANK_JWT_SECRET: patternVar(BASE64URL_32, SECRET_RULE, { secret: true }),
  HOURBANK_JWT_SECRET_FILE: optionalVar(),
  HOURBANK_JWT_PUBLIC_KEY: patternVar(/-----BEGIN PUBLIC KEY-----/, 'be a PEM public key (-----BEGIN PUBLIC KEY-----; line breaks may be written \\n)', { secret: true }),
  HOURBANK_JWT_PUBLIC_KEY_FILE: optionalVar(),
  HOURBANK_JWT_PRIVATE_KEY: patternVar(/-----BEGIN PRIVATE KEY-----/, 'be a PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----; line breaks may be written \\n)', { secret: true }),
  HOURBANK_JWT_PRIVATE_KEY_FILE: optionalVar(),
  HOURBANK_JWT_ALGORITHM: choiceVar(JWT_ALGORITHMS, 'EdDSA'),
  HOURBANK_SESSION_SECRET: patternVar(BASE64URL_32, SECRET_RULE, { secret: true }),
  HOURBANK_SESSION_SECRET_FILE: optionalVar(),
};

type Env = Readonly<Record<string, string | undefined>>;
const given = (env: Env, name: string): boolean => (env[name]?.trim() ?? '') !== '';

/**
 * The rules between the signing variables. One of each pair (value or file); a secret or a key pair, not both; a
 * private key only beside its public key. Production-like hosts that check tokens need a configured key, the same on
 * every replica (never a file made at start-up), and with a key pair a configured session secret too.
 */
export function signingProblems(env: Env, { productionLike, nodeEnv, checksTokens }: { productionLike: boolean; nodeEnv: string; checksTokens: boolean }): string[] {
  const problems: string[] = [];
  for (const name of ['HOURBANK_JWT_SECRET', 'HOURBANK_JWT_PUBLIC_KEY', 'HOURBANK_JWT_PRIVATE_KEY', 'HOURBANK_SESSION_SECRET']) {
    if (given(env, name) && given(env, `${name}_FILE`)) problems.push(`Give ${name} or ${name}_FILE, not both`);
  }
  const secret = given(env, 'HOURBANK_JWT_SECRET') || given(env, 'HOURBANK_JWT_SECRET_FILE');
  const publicKey = given(env, 'HOURBANK_JWT_PUBLIC_KEY') || given(env, 'HOURBANK_JWT_PUBLIC_KEY_FILE');
  const privateKey = given(env, 'HOURBANK_JWT_PRIVATE_KEY') || given(env, 'HOURBANK_JWT_PRIVATE_KEY_FILE');
  const session = given(env, 'HOURBANK_SESSION_SECRET') || given(env, 'HOURBANK_SESSION_SECRET_FILE');
  if (secret && (publicKey || privateKey)) problems.push('Give HOURBANK_JWT_SECRET(_FILE) or a key pair (HOURBANK_JWT_PUBLIC_KEY…), not both');
  if (privateKey && !publicKey) problems.push('HOURBANK_JWT_PRIVATE_KEY(_FILE) needs HOURBANK_JWT_PUBLIC_KEY(_FILE) beside it');
  if (productionLike && checksTokens && !secret && !publicKey) {
    problems.push(
      `NODE_ENV is "${nodeEnv}": tokens need a key from configuration, the same on every replica: HOURBANK_JWT_SECRET or ` +
        'HOURBANK_JWT_SECRET_FILE (npm run cli -- create-jwt-secret writes one, mode 0600), or a key pair HOURBANK_JWT_PUBLIC_KEY(_FILE) ' +
        '(+ HOURBANK_JWT_PRIVATE_KEY(_FILE) where tokens are minted)',
    );
  }
  if (productionLike && checksTokens && publicKey && !secret && !session) {
    problems.push(`NODE_ENV is "${nodeEnv}": a key pair signs bearer tokens only; cookie sessions need HOURBANK_SESSION_SECRET or HOURBANK_SESSION_SECRET_FILE, the same on every replica`);
  }
  return problems;
}

interface SigningValues {
  readonly HOURBANK_JWT_SECRET?: string;
  readonly HOURBANK_JWT_SECRET_FILE?: string;
  readonly HOURBANK_JWT_PUBLIC_KEY?: string;
  readonly HOURBANK_JWT_PUBLIC_KEY_FILE?: string;
  readonly HOURBANK_JWT_PRIVATE_KEY?: string;
  readonly HOURBANK_JWT_PRIVATE_KEY_FILE?: string;
  readonly HOURBANK_JWT_ALGORITHM: JwtAlgorithm;
  readonly HOURBANK_SESSION_SECRET?: string;
  readonly HOURBANK_SESSION_SECRET_FILE?: string;
}

/** PEM text may come with its line breaks written as `\n` (one-line environment values). */
const pem = (value: string | undefined): string | undefined => value?.replaceAll('\\n', '\n');

export function signingConfigOf(v: SigningValues, cwd: string): SigningConfig {
  const path = (value: string | undefined) => (value === undefined ? undefined : isAbsolute(value) ? value : resolve(cwd, value));
  const entries = {
    secret: v.HOURBANK_JWT_SECRET,
    secretFile: path(v.HOURBANK_JWT_SECRET_FILE),
    publicKeyPem: pem(v.HOURBANK_JWT_PUBLIC_KEY),
    publicKeyFile: path(v.HOURBANK_JWT_PUBLIC_KEY_FILE),
    privateKeyPem: pem(v.HOURBANK_JWT_PRIVATE_KEY),
    privateKeyFile: path(v.HOURBANK_JWT_PRIVATE_KEY_FILE),
    sessionSecret: v.HOURBANK_SESSION_SECRET,
    sessionSecretFile: path(v.HOURBANK_SESSION_SECRET_FILE),
  };
  const defined = Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
  return { ...defined, algorithm: v.HOURBANK_JWT_ALGORITHM };
}
