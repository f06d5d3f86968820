import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { Temporal } from 'temporal-polyfill';
import type { TokenSettings } from '#platform';

export interface SessionClaims {
  readonly userId: string;
  readonly sessionId: string;
  /** When the sign-in happened on the domain clock (compared with the user's `sessionsValidFrom`). */
  readonly signedInAt: string;
}

/**
 * The session cookie: a JWT signed with the installation's key, for its own audience (a session is never a bearer
 * token, nor the reverse). What can end it early (sign-out, a password change, deactivation) is checked in the
 * events on every request; the CSRF token is an HMAC of the session id, so nothing else needs storing.
 */
export class SessionTokens {
  constructor(private readonly settings: TokenSettings) {}

  /** Sessions and CSRF tokens are HS256 / HMAC: HOURBANK_SESSION_SECRET, else the bearer secret (see loadTokenKeys). */
  private get key(): Uint8Array {
    const key = this.settings.sessionSecret ?? this.settings.secret;
    if (!key) throw new Error('Cookie sessions need a session secret (HOURBANK_SESSION_SECRET) beside a key pair');
    return key;
  }

  private get audience(): string {
    return `${this.settings.audience}:session`;
  }

  mint(claims: SessionClaims, expiresAt: Temporal.Instant): Promise<string> {
    return new SignJWT({ sid: claims.sessionId, sat: claims.signedInAt, typ: 'session' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.epochMilliseconds / 1000))
      .sign(this.key);
  }

  async verify(token: string): Promise<SessionClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'], issuer: this.settings.issuer, audience: this.audience, requiredClaims: ['exp', 'sub'],
      });
      const { sub, sid, sat, typ } = payload;
      if (typ !== 'session' || typeof sub !== 'string' || typeof sid !== 'string' || typeof sat !== 'string') return undefined;
      return { userId: sub, sessionId: sid, signedInAt: sat };
    } catch {
      return undefined;
    }
  }

  csrfToken(sessionId: string): string {
    return createHmac('sha256', this.key).update(`csrf:${sessionId}`).digest('base64url');
  }
}
