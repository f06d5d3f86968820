import { Inject, Injectable } from '@nestjs/common';
import { API_KEY_PREFIX, TOKEN_SETTINGS, type Principal, type PrincipalSources, type SessionPrincipal, type TokenSettings } from '#platform';
import { isBefore, type User } from '../domain/index.js';
import { IdentityStreams } from './identity-streams.js';
import { safeEqual, sha256 } from './secrets.js';
import { SessionTokens } from './session-tokens.js';

export const principalOfUser = (user: User, sessionId?: string): Principal => ({
  sub: user.userId,
  role: user.role,
  accounts: user.grants.map((g) => g.accountId),
  ...(user.role === 'client' && { approves: user.grants.filter((g) => g.mayApprove).map((g) => g.accountId) }),
  via: 'session',
  name: user.name,
  ...(sessionId !== undefined && { sessionId }),
});

/** `hbk_<keyId>_<secret>`: the key id names its stream, the secret is checked against the hash kept there. */
export const parseApiKey = (token: string): { keyId: string; secret: string } | undefined => {
  const match = /^hbk_([a-f0-9]{32})_([A-Za-z0-9_-]{43})$/.exec(token);
  return match && token.startsWith(API_KEY_PREFIX) ? { keyId: match[1]!, secret: match[2]! } : undefined;
};

/** Sessions and API keys, checked against the events on every request (so a sign-out or a revocation holds at once). */
@Injectable()
export class IdentityPrincipals implements PrincipalSources {
  readonly sessions: SessionTokens;

  constructor(
    private readonly streams: IdentityStreams,
    @Inject(TOKEN_SETTINGS) tokens: TokenSettings,
  ) {
    this.sessions = new SessionTokens(tokens);
  }

  async fromSession(cookie: string): Promise<SessionPrincipal | undefined> {
    const claims = await this.sessions.verify(cookie);
    if (!claims || (await this.streams.sessionEnded(claims.sessionId))) return undefined;
    const user = await this.streams.user(claims.userId);
    if (user.status !== 'active' || isBefore(claims.signedInAt, user.sessionsValidFrom)) return undefined;
    return { principal: principalOfUser(user, claims.sessionId), csrfToken: this.sessions.csrfToken(claims.sessionId) };
  }

  async fromApiKey(token: string): Promise<Principal | undefined> {
    const parsed = parseApiKey(token);
    if (!parsed) return undefined;
    const key = await this.streams.apiKey(parsed.keyId);
    if (key.status !== 'active' || !safeEqual(key.secretHash, sha256(parsed.secret))) return undefined;
    return { sub: `apikey:${key.keyId}`, role: key.role, accounts: key.accounts, via: 'apiKey', name: key.name };
  }
}
