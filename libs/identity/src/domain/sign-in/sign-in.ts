import { Temporal } from 'temporal-polyfill';
import type { Decider, DomainEvent } from '#kernel';
import { isBefore } from '../errors.js';

export type SignInFailure = 'wrong_password' | 'locked' | 'not_active' | 'unknown_email';

/**
 * One stream of attempts per user (`signin-<userId>`). Every event carries the lockout state after it, so a
 * decision needs only the stream's last event, however long the stream grows.
 */
export type SignedIn = DomainEvent<'SignedIn', {
  userId: string; sessionId: string; signedInAt: string; expiresAt: string; ip?: string; userAgent?: string;
}>;
export type SignInFailed = DomainEvent<'SignInFailed', {
  userId?: string; email?: string; reason: SignInFailure; failuresInARow: number; lockedUntil?: string;
  failedAt: string; ip?: string; userAgent?: string;
}>;
export type SignInEvent = SignedIn | SignInFailed;

export const signInEventNames: Readonly<Record<SignInEvent['type'], string>> = {
  SignedIn: 'hourbank.sign-in.succeeded.v1',
  SignInFailed: 'hourbank.sign-in.failed.v1',
};

export interface LockoutPolicy {
  /** Wrong passwords in a row that lock the user out. */
  readonly maxFailures: number;
  readonly lockoutMinutes: number;
}

export interface SignInState {
  readonly failuresInARow: number;
  readonly lockedUntil?: string;
}

export interface AttemptSignIn {
  readonly type: 'AttemptSignIn';
  readonly now: Temporal.Instant;
  readonly data: {
    readonly userId: string;
    readonly userActive: boolean;
    /** Checked outside the domain; not checked at all while the user is locked out. */
    readonly passwordMatches: boolean;
    readonly sessionId: string;
    readonly sessionExpiresAt: Temporal.Instant;
    readonly policy: LockoutPolicy;
    readonly ip?: string;
    readonly userAgent?: string;
  };
}

export const isLockedOut = (state: SignInState, now: Temporal.Instant): boolean =>
  state.lockedUntil !== undefined && isBefore(now, state.lockedUntil);

const failure = (command: AttemptSignIn, reason: SignInFailure, failuresInARow: number, lockedUntil?: string): SignInFailed => {
  const { userId, ip, userAgent } = command.data;
  return {
    type: 'SignInFailed',
    data: {
      userId, reason, failuresInARow, ...(lockedUntil !== undefined && { lockedUntil }), failedAt: command.now.toString(),
      ...(ip !== undefined && { ip }), ...(userAgent !== undefined && { userAgent }),
    },
  };
};

/**
 * Lockout: `maxFailures` wrong passwords in a row lock the user for `lockoutMinutes`; while locked every attempt
 * fails, even with the right password, and does not extend the lock. When the lock ends the count starts again.
 * A success resets it. Attempts of an inactive user fail without counting.
 */
export const decideSignIn = (command: AttemptSignIn, state: SignInState): SignInEvent[] => {
  const { now, data } = command;
  if (isLockedOut(state, now)) return [failure(command, 'locked', state.failuresInARow, state.lockedUntil)];
  const before = state.lockedUntil === undefined ? state.failuresInARow : 0;
  if (!data.userActive) return [failure(command, 'not_active', before)];
  if (!data.passwordMatches) {
    const failures = before + 1;
    const locks = failures >= data.policy.maxFailures;
    return [failure(command, 'wrong_password', failures, locks ? now.add({ minutes: data.policy.lockoutMinutes }).toString() : undefined)];
  }
  const { userId, sessionId, sessionExpiresAt, ip, userAgent } = data;
  return [{
    type: 'SignedIn',
    data: {
      userId, sessionId, signedInAt: now.toString(), expiresAt: sessionExpiresAt.toString(),
      ...(ip !== undefined && { ip }), ...(userAgent !== undefined && { userAgent }),
    },
  }];
};

export const evolveSignIn = (_state: SignInState, event: SignInEvent): SignInState =>
  event.type === 'SignedIn'
    ? { failuresInARow: 0 }
    : { failuresInARow: event.data.failuresInARow, ...(event.data.lockedUntil !== undefined && { lockedUntil: event.data.lockedUntil }) };

export const signInDecider: Decider<AttemptSignIn, SignInEvent, SignInState> = {
  initialState: () => ({ failuresInARow: 0 }),
  decide: decideSignIn,
  evolve: evolveSignIn,
};

export const signInStream = (userId: string): string => `signin-${userId}`;
/** Attempts with an address nobody has: recorded, appended without a decision. */
export const UNKNOWN_EMAIL_SIGN_IN_STREAM = 'signin-unknown';

/** Sessions end here (`session-<sessionId>`); a session with no event in its stream has not been ended. */
export type SessionEnded = DomainEvent<'SessionEnded', { sessionId: string; userId: string; reason: 'signedOut'; endedAt: string }>;
export const sessionEventNames: Readonly<Record<SessionEnded['type'], string>> = { SessionEnded: 'hourbank.session.ended.v1' };
export const sessionStream = (sessionId: string): string => `session-${sessionId}`;
