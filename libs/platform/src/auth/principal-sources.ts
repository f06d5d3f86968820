import type { Principal } from './principal.js';

export const SESSION_COOKIE = 'hb_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Bearer credentials that start with this are API keys (`hbk_<keyId>_<secret>`); others are signed tokens. */
export const API_KEY_PREFIX = 'hbk_';

export interface SessionPrincipal {
  readonly principal: Principal;
  /** What a cookie-authenticated write must send back in X-CSRF-Token. */
  readonly csrfToken: string;
}

/**
 * Where the guard turns credentials that are not self-contained tokens into a principal: API keys and browser
 * sessions, both kept as events by the identity context. Undefined: not valid (unknown, revoked, ended, expired).
 */
export interface PrincipalSources {
  fromApiKey(token: string): Promise<Principal | undefined>;
  fromSession(cookie: string): Promise<SessionPrincipal | undefined>;
}

export const PRINCIPAL_SOURCES = Symbol.for('hourbank.PrincipalSources');
