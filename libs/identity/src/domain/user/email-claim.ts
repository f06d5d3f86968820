import type { Temporal } from 'temporal-polyfill';
import type { Decider, DomainEvent } from '#kernel';
import { fail } from '../errors.js';

/**
 * One user per e-mail address: the address's own stream (`useremail-<sha256 of the address>`) is claimed by one
 * user id with "no stream" as the expected revision, so two invitations racing for one address cannot both win.
 * It is also how sign-in finds the user from the address, strongly consistent.
 */
export type EmailClaimed = DomainEvent<'EmailClaimed', { email: string; userId: string; claimedAt: string }>;
export const emailClaimEventNames: Readonly<Record<EmailClaimed['type'], string>> = { EmailClaimed: 'hourbank.user-email.claimed.v1' };

export type EmailClaimState = { readonly userId?: string };
export interface ClaimEmail {
  readonly type: 'ClaimEmail';
  readonly now: Temporal.Instant;
  readonly data: { email: string; userId: string };
}

export const emailClaimDecider: Decider<ClaimEmail, EmailClaimed, EmailClaimState> = {
  initialState: () => ({}),
  decide: ({ data, now }, state) => {
    if (state.userId === data.userId) return [];
    if (state.userId !== undefined) fail('EMAIL_ALREADY_IN_USE', 'Another user already has this e-mail address.');
    return [{ type: 'EmailClaimed', data: { email: data.email, userId: data.userId, claimedAt: now.toString() } }];
  },
  evolve: (_state, event) => ({ userId: event.data.userId }),
};
