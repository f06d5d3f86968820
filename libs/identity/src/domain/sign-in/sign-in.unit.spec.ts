import { Temporal } from 'temporal-polyfill';
import { DeciderSpecification } from '#testing';
import { signInDecider, type AttemptSignIn, type SignInEvent } from './sign-in.js';

const spec = DeciderSpecification.for(signInDecider);
const at = (time: string) => Temporal.Instant.from(`2026-11-16T${time}Z`);
const policy = { maxFailures: 3, lockoutMinutes: 15 };
const attempt = (time: string, passwordMatches: boolean, userActive = true): AttemptSignIn => ({
  type: 'AttemptSignIn', now: at(time),
  data: { userId: 'u1', userActive, passwordMatches, sessionId: 's1', sessionExpiresAt: at('23:00:00'), policy },
});
const failed = (time: string, failuresInARow: number, reason = 'wrong_password', lockedUntil?: string): SignInEvent => ({
  type: 'SignInFailed',
  data: { userId: 'u1', reason: reason as 'wrong_password', failuresInARow, ...(lockedUntil && { lockedUntil }), failedAt: at(time).toString() },
});

describe('sign-in attempts and lockout', () => {
  it('signs in with the right password', () =>
    spec([]).when(attempt('10:00:00', true)).then([{ type: 'SignedIn', data: { userId: 'u1', sessionId: 's1', signedInAt: '2026-11-16T10:00:00Z', expiresAt: '2026-11-16T23:00:00Z' } }]));
  it('counts wrong passwords in a row', () => spec([failed('10:00:00', 1)]).when(attempt('10:01:00', false)).then([failed('10:01:00', 2)]));
  it('locks at the maximum, for the lockout minutes', () =>
    spec([failed('10:00:00', 1), failed('10:01:00', 2)]).when(attempt('10:02:00', false)).then([failed('10:02:00', 3, 'wrong_password', '2026-11-16T10:17:00Z')]));
  it('refuses even the right password while locked, without extending the lock', () =>
    spec([failed('10:02:00', 3, 'wrong_password', '2026-11-16T10:17:00Z')]).when(attempt('10:16:59', true)).then([failed('10:16:59', 3, 'locked', '2026-11-16T10:17:00Z')]));
  it('lets the right password in once the lock has ended', () =>
    spec([failed('10:02:00', 3, 'wrong_password', '2026-11-16T10:17:00Z')]).when(attempt('10:17:00', true)).thenEvents((events) => {
      if (events[0]?.type !== 'SignedIn') throw new Error(`expected SignedIn, got ${JSON.stringify(events)}`);
    }));
  it('starts counting again after the lock', () =>
    spec([failed('10:02:00', 3, 'wrong_password', '2026-11-16T10:17:00Z')]).when(attempt('10:20:00', false)).then([failed('10:20:00', 1)]));
  it('resets the count on a success', () => spec([failed('10:00:00', 2), { type: 'SignedIn', data: { userId: 'u1', sessionId: 's0', signedInAt: '2026-11-16T10:01:00Z', expiresAt: '2026-11-16T22:01:00Z' } }])
    .when(attempt('10:02:00', false)).then([failed('10:02:00', 1)]));
  it('fails an inactive user without counting it', () => spec([failed('10:00:00', 1)]).when(attempt('10:01:00', true, false)).then([failed('10:01:00', 1, 'not_active')]));
});
