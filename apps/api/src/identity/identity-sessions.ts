import { Injectable } from '@nestjs/common';
import { IdentityPrincipals } from '#identity';
import type { Principal } from '#platform';
import type { SessionBody } from './session-cookie.js';

/** What GET /auth/session answers: the caller, and for a browser session the CSRF token its writes need. */
@Injectable()
export class IdentitySessions {
  constructor(private readonly principals: IdentityPrincipals) {}

  describe(caller: Principal): SessionBody {
    const { sub, name, role, accounts, approves, via, sessionId } = caller;
    const csrfToken = sessionId === undefined ? null : this.principals.sessions.csrfToken(sessionId);
    return { user: { id: sub, ...(name !== undefined && { name }), role, accounts, ...(approves && { approves }), ...(via && { via }) }, csrfToken };
  }
}
