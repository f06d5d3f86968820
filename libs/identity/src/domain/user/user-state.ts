import { assertNever } from '#kernel';
import type { AccountGrant, UserEvent, UserRole } from './user-events.js';

export interface OneTimeLink {
  readonly id: string;
  readonly tokenHash: string;
  readonly expiresAt: string;
}

export interface User {
  readonly status: 'invited' | 'active' | 'deactivated';
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly grants: readonly AccountGrant[];
  readonly invitedAt: string;
  readonly invitation?: OneTimeLink;
  readonly passwordHash?: string;
  readonly reset?: OneTimeLink;
  /** Sessions started before this instant are void (password reset or change, deactivation). */
  readonly sessionsValidFrom: string;
}

export type UserState = { readonly status: 'none' } | User;

export const initialUserState = (): UserState => ({ status: 'none' });

const withoutReset = ({ reset: _used, ...user }: User): User => user;

const evolveUser = (user: User, event: Exclude<UserEvent, { type: 'UserInvited' }>): User => {
  switch (event.type) {
    case 'InvitationRenewed':
      return { ...user, invitation: { id: event.data.invitationId, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } };
    case 'InvitationAccepted': {
      const { invitation: _used, ...rest } = user;
      return { ...rest, status: 'active', passwordHash: event.data.passwordHash, sessionsValidFrom: event.data.acceptedAt };
    }
    case 'UserRoleChanged': return { ...user, role: event.data.to };
    case 'ClientAccessChanged': return { ...user, grants: event.data.grants };
    case 'UserDeactivated': return { ...withoutReset(user), status: 'deactivated', sessionsValidFrom: event.data.deactivatedAt };
    case 'UserReactivated': return { ...user, status: user.passwordHash === undefined ? 'invited' : 'active' };
    case 'PasswordResetRequested':
      return { ...user, reset: { id: event.data.resetId, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt } };
    case 'PasswordReset': return { ...withoutReset(user), passwordHash: event.data.passwordHash, sessionsValidFrom: event.data.resetAt };
    case 'PasswordChanged': return { ...user, passwordHash: event.data.passwordHash, sessionsValidFrom: event.data.changedAt };
    default: return assertNever(event);
  }
};

export const evolveUserState = (state: UserState, event: UserEvent): UserState => {
  if (event.type === 'UserInvited') {
    const { userId, email, name, role, grants, invitationId, tokenHash, expiresAt, invitedAt } = event.data;
    return {
      status: 'invited', userId, email, name, role, grants, invitedAt, sessionsValidFrom: invitedAt,
      invitation: { id: invitationId, tokenHash, expiresAt },
    };
  }
  return state.status === 'none' ? state : evolveUser(state, event);
};
