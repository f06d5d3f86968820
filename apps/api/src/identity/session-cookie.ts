import { serialize } from 'cookie';
import { SESSION_COOKIE, type HttpResponse, type PlatformConfig } from '#platform';
import type { SignInOutcome } from '#identity';

/** httpOnly (no script reads it), Secure, SameSite=Strict (never sent on a request started by another site), Path=/. */
export function setSessionCookie(response: HttpResponse, config: PlatformConfig, outcome: SignInOutcome | undefined): void {
  const value = outcome?.sessionToken ?? '';
  const expires = outcome ? new Date(outcome.expiresAt) : new Date(0);
  response.setHeader('Set-Cookie', serialize(SESSION_COOKIE, value, {
    httpOnly: true, secure: config.identity.cookieSecure, sameSite: 'strict', path: '/', expires,
  }));
  response.setHeader('Cache-Control', 'no-store');
}

export interface SessionBody {
  readonly user: { readonly id: string; readonly name?: string; readonly role: string; readonly accounts: readonly string[]; readonly approves?: readonly string[]; readonly via?: string };
  readonly csrfToken: string | null;
  readonly expiresAt?: string;
}

export const sessionBody = (outcome: SignInOutcome): SessionBody => {
  const { sub, name, role, accounts, approves, via } = outcome.principal;
  return { user: { id: sub, name, role, accounts, approves, via }, csrfToken: outcome.csrfToken, expiresAt: outcome.expiresAt };
};
