import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PLATFORM_CONFIG, ProblemError, type PlatformConfig, type Principal, type RequestContext } from '#platform';
import { isLockedOut, type SignInFailed, type User } from '../domain/index.js';
import { personContext, type ClientInfo } from './identity-context.js';
import { IdentityPrincipals, principalOfUser } from './identity-principals.js';
import { IdentityStreams } from './identity-streams.js';
import { UNUSABLE_PASSWORD_HASH, verifyPassword } from './secrets.js';

export interface SignInOutcome {
  readonly principal: Principal;
  /** The session cookie's value. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

const refusal = (failed: SignInFailed): ProblemError =>
  failed.data.reason === 'locked' || failed.data.lockedUntil !== undefined
    ? new ProblemError(429, 'SIGN_IN_LOCKED', 'Too many failed sign-ins', `Too many wrong passwords: try again after ${failed.data.lockedUntil} (UTC), or reset the password`)
    : new ProblemError(401, 'SIGN_IN_FAILED', 'Sign-in failed', 'The e-mail address or the password is not right');

/** Starts browser sessions: every attempt, good or bad, is recorded in the user's sign-in stream first. */
@Injectable()
export class Sessions {
  constructor(
    private readonly streams: IdentityStreams,
    private readonly principals: IdentityPrincipals,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  /** `password`: what the person typed; `true` when the request itself proved it (an invitation just accepted). */
  async signIn(user: User, password: string | true, client: ClientInfo, request: RequestContext): Promise<SignInOutcome> {
    const locked = isLockedOut((await this.streams.signInTail(user.userId)).state, this.streams.now());
    const matches = password === true || (!locked && (await verifyPassword(user.passwordHash ?? UNUSABLE_PASSWORD_HASH, password)));
    const sessionId = randomUUID();
    const { identity } = this.config;
    const [event] = await this.streams.attemptSignIn(user.userId, personContext(request, user.userId, user.role), (now) => ({
      type: 'AttemptSignIn',
      now,
      data: {
        userId: user.userId, userActive: user.status === 'active', passwordMatches: matches, sessionId,
        sessionExpiresAt: now.add({ hours: identity.sessionHours }), policy: identity.lockout, ...client,
      },
    }));
    if (!event || event.type === 'SignInFailed') throw refusal(event as SignInFailed);
    const { signedInAt, expiresAt } = event.data;
    const sessionToken = await this.principals.sessions.mint({ userId: user.userId, sessionId, signedInAt }, this.streams.now().add({ hours: identity.sessionHours }));
    return { principal: principalOfUser(user, sessionId), sessionToken, csrfToken: this.principals.sessions.csrfToken(sessionId), expiresAt };
  }
}
