import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { TokenSettings } from '#platform';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens a client must never get through: each breaks exactly one rule. */
export const badTokens = (settings: TokenSettings) => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'mallory', role: 'manager' };
  const signed = (secret: Uint8Array, audience: string, exp: number) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(settings.issuer).setAudience(audience).setIssuedAt(now - 120).setExpirationTime(exp).sign(secret);
  return {
    badSignature: () => signed(new Uint8Array(randomBytes(32)), settings.audience, now + 600),
    wrongAudience: () => signed(settings.secret!, 'someone-else', now + 600),
    expired: () => signed(settings.secret!, settings.audience, now - 60),
    algNone: async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, iss: settings.issuer, aud: settings.audience, exp: now + 600 })}.`,
  };
};
