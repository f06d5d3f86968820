import type { DomainEvent } from '#kernel';

export const staffRoles = ['agent', 'manager', 'auditor'] as const;
export type StaffRole = (typeof staffRoles)[number];
export type UserRole = StaffRole | 'client';
export const userRoles: readonly UserRole[] = ['client', ...staffRoles];

/** A client user's access to one account; `mayApprove`: may approve or reject estimates on it. */
export interface AccountGrant {
  readonly accountId: string;
  readonly mayApprove: boolean;
}

/** Secrets never travel in events: a one-time link is kept as the SHA-256 of its token, a password as its scrypt hash. */
export type UserInvited = DomainEvent<'UserInvited', {
  userId: string; email: string; name: string; role: UserRole; grants: AccountGrant[];
  invitationId: string; tokenHash: string; expiresAt: string; invitedAt: string;
}>;
export type InvitationRenewed = DomainEvent<'InvitationRenewed', {
  userId: string; invitationId: string; tokenHash: string; expiresAt: string; renewedAt: string;
}>;
export type InvitationAccepted = DomainEvent<'InvitationAccepted', {
  userId: string; invitationId: string; passwordHash: string; acceptedAt: string;
}>;
export type UserRoleChanged = DomainEvent<'UserRoleChanged', { userId: string; from: StaffRole; to: StaffRole; changedAt: string }>;
export type ClientAccessChanged = DomainEvent<'ClientAccessChanged', { userId: string; grants: AccountGrant[]; changedAt: string }>;
export type UserDeactivated = DomainEvent<'UserDeactivated', { userId: string; reason: string; deactivatedAt: string }>;
export type UserReactivated = DomainEvent<'UserReactivated', { userId: string; reactivatedAt: string }>;
export type PasswordResetRequested = DomainEvent<'PasswordResetRequested', {
  userId: string; resetId: string; tokenHash: string; expiresAt: string; requestedAt: string;
}>;
export type PasswordReset = DomainEvent<'PasswordReset', { userId: string; resetId: string; passwordHash: string; resetAt: string }>;
export type PasswordChanged = DomainEvent<'PasswordChanged', { userId: string; passwordHash: string; changedAt: string }>;

export type UserEvent =
  | UserInvited | InvitationRenewed | InvitationAccepted | UserRoleChanged | ClientAccessChanged | UserDeactivated
  | UserReactivated | PasswordResetRequested | PasswordReset | PasswordChanged;

export const userEventNames: Readonly<Record<UserEvent['type'], string>> = {
  UserInvited: 'hourbank.user.invited.v1',
  InvitationRenewed: 'hourbank.user.invitation-renewed.v1',
  InvitationAccepted: 'hourbank.user.invitation-accepted.v1',
  UserRoleChanged: 'hourbank.user.role-changed.v1',
  ClientAccessChanged: 'hourbank.user.client-access-changed.v1',
  UserDeactivated: 'hourbank.user.deactivated.v1',
  UserReactivated: 'hourbank.user.reactivated.v1',
  PasswordResetRequested: 'hourbank.user.password-reset-requested.v1',
  PasswordReset: 'hourbank.user.password-reset.v1',
  PasswordChanged: 'hourbank.user.password-changed.v1',
};

/** Payload fields that hold secret material (hashes included): never shown in a history or the feed. */
export const SECRET_FIELDS: readonly string[] = ['passwordHash', 'tokenHash', 'secretHash'];
