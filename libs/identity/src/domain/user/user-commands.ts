import type { Temporal } from 'temporal-polyfill';
import type { AccountGrant, StaffRole, UserRole } from './user-events.js';

type UserCommandOf<Type extends string, Data> = {
  readonly type: Type;
  readonly data: Data;
  readonly now: Temporal.Instant;
  /** The user id of whoever sends it (the system for the first manager). */
  readonly by: string;
};

/** A fresh one-time link: the token itself goes in the e-mail, only its hash into the event. */
export interface NewLink {
  readonly id: string;
  readonly tokenHash: string;
  readonly expiresAt: Temporal.Instant;
}

export type InviteUser = UserCommandOf<'InviteUser', {
  userId: string; email: string; name: string; role: UserRole; grants: readonly AccountGrant[]; link: NewLink;
}>;
export type RenewInvitation = UserCommandOf<'RenewInvitation', { link: NewLink }>;
export type AcceptInvitation = UserCommandOf<'AcceptInvitation', { tokenHash: string; passwordHash: string }>;
export type ChangeUserRole = UserCommandOf<'ChangeUserRole', { role: StaffRole }>;
export type ChangeClientAccess = UserCommandOf<'ChangeClientAccess', { grants: readonly AccountGrant[] }>;
export type DeactivateUser = UserCommandOf<'DeactivateUser', { reason: string }>;
export type ReactivateUser = UserCommandOf<'ReactivateUser', Record<string, never>>;
export type RequestPasswordReset = UserCommandOf<'RequestPasswordReset', { link: NewLink }>;
export type ResetPassword = UserCommandOf<'ResetPassword', { tokenHash: string; passwordHash: string }>;
/** `currentPasswordMatches` is checked outside the domain (scrypt is IO for it). */
export type ChangePassword = UserCommandOf<'ChangePassword', { currentPasswordMatches: boolean; passwordHash: string }>;

export type UserCommand =
  | InviteUser | RenewInvitation | AcceptInvitation | ChangeUserRole | ChangeClientAccess | DeactivateUser
  | ReactivateUser | RequestPasswordReset | ResetPassword | ChangePassword;
