import { SignJWT, jwtVerify, errors as joseErrors, type CryptoKey } from 'jose';
import type { JwtAlgorithm } from '../config/signing-settings.js';
import { isPrincipalRole, type Principal, type PrincipalRole } from './principal.js';

/** Bearer tokens: HS256 with a shared secret, or an asymmetric pair where replicas hold only the public key. */
export interface TokenSettings {
  readonly secret?: Uint8Array;
  readonly publicKey?: CryptoKey;
  readonly privateKey?: CryptoKey;
  readonly algorithm?: JwtAlgorithm;
  /** The HMAC key of cookie sessions and CSRF tokens (HOURBANK_SESSION_SECRET, else `secret`). */
  readonly sessionSecret?: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
}

export interface MintTokenOptions {
  readonly sub: string;
  readonly role: PrincipalRole;
  readonly accounts?: readonly string[];
  /** A jose time span: '8h', '30m', '2 days'. */
  readonly ttl?: string;
}

export class InvalidTokenError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

const signingKey = (settings: TokenSettings): { key: CryptoKey | Uint8Array; alg: string } => {
  if (settings.publicKey) {
    if (!settings.privateKey) throw new InvalidTokenError('This process holds only the public key (HOURBANK_JWT_PRIVATE_KEY mints tokens)');
    return { key: settings.privateKey, alg: settings.algorithm! };
  }
  return { key: settings.secret!, alg: 'HS256' };
};

export const mintToken = (settings: TokenSettings, options: MintTokenOptions): Promise<string> => {
  const { key, alg } = signingKey(settings);
  return new SignJWT({ role: options.role, ...(options.role === 'client' && { accounts: [...(options.accounts ?? [])] }) })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(options.ttl ?? '8h')
    .sign(key);
};

function toPrincipal(payload: Record<string, unknown>): Principal {
  const { sub, role, accounts, exp } = payload;
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('The token has no subject');
  if (!isPrincipalRole(role)) throw new InvalidTokenError('The token has no valid role');
  const expiry = typeof exp === 'number' ? { expiresAt: exp } : {};
  if (role !== 'client') return { sub, role, accounts: [], ...expiry };
  if (!Array.isArray(accounts) || !accounts.every((a) => typeof a === 'string')) {
    throw new InvalidTokenError('A client token must list its accounts');
  }
  return { sub, role, accounts: Object.freeze([...accounts]), ...expiry };
}

/** Tokens verified already, per settings (so per secret), kept until they expire; a bounded number. */
const verified = new WeakMap<TokenSettings, Map<string, Principal & { readonly expiresAt: number }>>();
export const VERIFIED_TOKENS_KEPT = 10_000;
const CLOCK_TOLERANCE_SECONDS = 5;

const stillValid = (expiresAt: number): boolean => Math.floor(Date.now() / 1000) - CLOCK_TOLERANCE_SECONDS < expiresAt;

/**
 * Verifies signature, algorithm (HS256, or the configured asymmetric one only), issuer, audience and expiry (5 s tolerance); requires `exp`. A token
 * verified once is answered from memory until its `exp` (checked again on every use, as jose checks it): the
 * signature of the same bytes under the same secret cannot become valid or invalid meanwhile.
 */
export async function verifyToken(settings: TokenSettings, token: string): Promise<Principal> {
  let known = verified.get(settings);
  if (!known) verified.set(settings, (known = new Map()));
  const remembered = known.get(token);
  if (remembered && stillValid(remembered.expiresAt)) return remembered;
  if (remembered) known.delete(token);
  const principal = await verifySignature(settings, token);
  if (principal.expiresAt !== undefined) {
    known.set(token, principal as Principal & { readonly expiresAt: number });
    if (known.size > VERIFIED_TOKENS_KEPT) known.delete(known.keys().next().value!);
  }
  return principal;
}

async function verifySignature(settings: TokenSettings, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, settings.publicKey ?? settings.secret!, {
      algorithms: [settings.publicKey ? settings.algorithm! : 'HS256'],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'sub'],
    });
    return toPrincipal(payload);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw error;
    if (error instanceof joseErrors.JOSEError) throw new InvalidTokenError(reasonOf(error));
    throw error;
  }
}

function reasonOf(error: InstanceType<typeof joseErrors.JOSEError>): string {
  if (error instanceof joseErrors.JWTExpired) return 'The token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "The token's algorithm is not accepted";
  return 'The token is not valid';
}
