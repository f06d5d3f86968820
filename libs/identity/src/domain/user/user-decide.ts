import { assertNever } from '#kernel';
import { fail, isBefore, requireEmail, requireName } from '../errors.js';
import type { AcceptInvitation, InviteUser, ResetPassword, UserCommand } from './user-commands.js';
import { staffRoles, type AccountGrant, type UserEvent, type UserRole } from './user-events.js';
import type { User, UserState } from './user-state.js';

const requireUser = (state: UserState): User => (state.status === 'none' ? fail('USER_NOT_FOUND', 'There is no such user.') : state);

const requireNotSelf = (user: User, by: string, code: string): void => {
  if (user.userId === by) fail(code, 'Ask another manager to do this for you.');
};

/** A client user reaches one or more accounts; staff reach every account through their role. */
const requireGrants = (role: UserRole, grants: readonly AccountGrant[]): AccountGrant[] => {
  if (role !== 'client') return grants.length === 0 ? [] : fail('STAFF_HAVE_NO_ACCOUNT_GRANTS', 'Staff see every account through their role.');
  if (grants.length === 0) fail('CLIENT_USER_NEEDS_AN_ACCOUNT', 'A client user must be bound to at least one account.');
  const ids = new Set(grants.map((g) => g.accountId));
  if (ids.size !== grants.length) fail('ACCOUNT_GRANTED_TWICE', 'Each account may be granted once.');
  return grants.map(({ accountId, mayApprove }) => ({ accountId, mayApprove: mayApprove === true }));
};

const invite = ({ data, now }: InviteUser, state: UserState): UserEvent[] => {
  if (state.status !== 'none') fail('USER_ALREADY_EXISTS', 'This user already exists.');
  if (!['client', ...staffRoles].includes(data.role)) fail('UNKNOWN_ROLE', 'Unknown role.', { role: data.role });
  return [{
    type: 'UserInvited',
    data: {
      userId: data.userId, email: requireEmail(data.email), name: requireName(data.name), role: data.role,
      grants: requireGrants(data.role, data.grants), invitationId: data.link.id, tokenHash: data.link.tokenHash,
      expiresAt: data.link.expiresAt.toString(), invitedAt: now.toString(),
    },
  }];
};

/** A link is good once: the current one of its kind, not expired at `now` (an instant exactly at expiry is too late). */
const requireLink = (link: User['invitation'], tokenHash: string, now: AcceptInvitation['now'], code: string) => {
  if (!link || link.tokenHash !== tokenHash || !isBefore(now, link.expiresAt)) fail(code, 'This link is not valid any more; ask for a new one.');
  return link!;
};

const accept = ({ data, now }: AcceptInvitation, user: User): UserEvent[] => {
  if (user.status !== 'invited') fail('INVITATION_NOT_VALID', 'This link is not valid any more; ask for a new one.');
  const link = requireLink(user.invitation, data.tokenHash, now, 'INVITATION_NOT_VALID');
  return [{ type: 'InvitationAccepted', data: { userId: user.userId, invitationId: link.id, passwordHash: data.passwordHash, acceptedAt: now.toString() } }];
};

const resetPassword = ({ data, now }: ResetPassword, user: User): UserEvent[] => {
  if (user.status !== 'active') fail('PASSWORD_RESET_NOT_VALID', 'This link is not valid any more; ask for a new one.');
  const link = requireLink(user.reset, data.tokenHash, now, 'PASSWORD_RESET_NOT_VALID');
  return [{ type: 'PasswordReset', data: { userId: user.userId, resetId: link.id, passwordHash: data.passwordHash, resetAt: now.toString() } }];
};

const decideOnUser = (command: Exclude<UserCommand, InviteUser>, user: User): UserEvent[] => {
  const { userId } = user;
  const at = command.now.toString();
  switch (command.type) {
    case 'RenewInvitation': {
      if (user.status !== 'invited') fail('USER_ALREADY_ACTIVE', 'Only a pending invitation can be sent again.');
      const { id, tokenHash, expiresAt } = command.data.link;
      return [{ type: 'InvitationRenewed', data: { userId, invitationId: id, tokenHash, expiresAt: expiresAt.toString(), renewedAt: at } }];
    }
    case 'AcceptInvitation': return accept(command, user);
    case 'ChangeUserRole': {
      if (user.role === 'client') fail('CLIENT_USERS_KEEP_THEIR_ROLE', 'A client user cannot become staff; invite the person as staff.');
      if (!(staffRoles as readonly string[]).includes(command.data.role)) fail('UNKNOWN_ROLE', 'Unknown role.', { role: command.data.role });
      requireNotSelf(user, command.by, 'MAY_NOT_CHANGE_OWN_ROLE');
      if (user.role === command.data.role) return [];
      return [{ type: 'UserRoleChanged', data: { userId, from: user.role as typeof command.data.role, to: command.data.role, changedAt: at } }];
    }
    case 'ChangeClientAccess': {
      if (user.role !== 'client') fail('STAFF_HAVE_NO_ACCOUNT_GRANTS', 'Staff see every account through their role.');
      const grants = requireGrants('client', command.data.grants);
      if (JSON.stringify(grants) === JSON.stringify(user.grants)) return [];
      return [{ type: 'ClientAccessChanged', data: { userId, grants, changedAt: at } }];
    }
    case 'DeactivateUser':
      requireNotSelf(user, command.by, 'MAY_NOT_DEACTIVATE_ONESELF');
      if (user.status === 'deactivated') return [];
      return [{ type: 'UserDeactivated', data: { userId, reason: requireName(command.data.reason), deactivatedAt: at } }];
    case 'ReactivateUser':
      return user.status === 'deactivated' ? [{ type: 'UserReactivated', data: { userId, reactivatedAt: at } }] : [];
    case 'RequestPasswordReset': {
      if (user.status !== 'active') return [];
      const { id, tokenHash, expiresAt } = command.data.link;
      return [{ type: 'PasswordResetRequested', data: { userId, resetId: id, tokenHash, expiresAt: expiresAt.toString(), requestedAt: at } }];
    }
    case 'ResetPassword': return resetPassword(command, user);
    case 'ChangePassword':
      if (user.status !== 'active') fail('USER_NOT_ACTIVE', 'This user cannot sign in.');
      if (!command.data.currentPasswordMatches) fail('CURRENT_PASSWORD_IS_WRONG', 'The current password is not right.');
      return [{ type: 'PasswordChanged', data: { userId, passwordHash: command.data.passwordHash, changedAt: at } }];
    default: return assertNever(command);
  }
};

export const decideUser = (command: UserCommand, state: UserState): UserEvent[] =>
  command.type === 'InviteUser' ? invite(command, state) : decideOnUser(command, requireUser(state));
