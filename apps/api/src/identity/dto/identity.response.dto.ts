import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const ROLES = ['client', 'agent', 'manager', 'auditor'];
const USER_STATUSES = ['invited', 'active', 'deactivated'];

export class SessionUserDto {
  @ApiProperty({ description: 'The user id (a token\'s `sub`; `apikey:<id>` for an API key)' }) id!: string;
  @ApiPropertyOptional() name?: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String], description: 'Accounts a client user may see (empty for staff)' }) accounts!: string[];
  @ApiPropertyOptional({ type: [String], description: 'Accounts on which a client user may approve estimates' }) approves?: string[];
  @ApiPropertyOptional({ enum: ['token', 'apiKey', 'session'], description: 'How the caller authenticated' }) via?: string;
}

/** Sign-in, accepting an invitation, the first manager, and GET /auth/session. */
export class SessionDto {
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
  @ApiProperty({ type: 'string', nullable: true, description: 'Send it as X-CSRF-Token on every write of this session; null for bearer callers' })
  csrfToken!: string | null;
  @ApiPropertyOptional({ description: 'When the session ends (answers that start one)' }) expiresAt?: string;
}

export class SignedOutDto {
  @ApiProperty({ enum: [true] }) signedOut!: boolean;
}

export class PasswordChangedDto {
  @ApiProperty({ enum: [true] }) changed!: boolean;
}

export class PasswordResetRequestedDto {
  @ApiProperty({ enum: [true], description: 'The same answer whether or not the address is known' }) requested!: boolean;
}

export class PasswordResetDoneDto {
  @ApiProperty({ enum: [true] }) reset!: boolean;
}

export class InvitationDetailsDto {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
}

export class FirstManagerPendingDto {
  @ApiProperty({ description: 'True until the first manager was created with the one-time link' }) pending!: boolean;
}

export class AccountGrantDto {
  @ApiProperty() accountId!: string;
  @ApiProperty({ description: 'May approve estimates on this account' }) mayApprove!: boolean;
}

/** What the user stream and the directory both say of a user. */
class UserFieldsDto {
  @ApiProperty() userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ enum: USER_STATUSES }) status!: string;
  @ApiProperty({ type: [AccountGrantDto] }) grants!: AccountGrantDto[];
  @ApiProperty() invitedAt!: string;
  @ApiPropertyOptional({ description: 'While an invitation is pending' }) invitationExpiresAt?: string;
}

/** A row of the identity directory (read model). */
export class DirectoryUserDto extends UserFieldsDto {
  @ApiProperty({ type: 'string', nullable: true }) lastSignInAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Wrong passwords since the last good sign-in' }) failuresInARow!: number;
  @ApiProperty({ type: 'string', nullable: true }) lockedUntil!: string | null;
}

export class UsersPageDto {
  @ApiProperty({ type: [DirectoryUserDto] }) items!: DirectoryUserDto[];
}

/** One user as its stream says now; password hash, invitation and reset tokens left out. */
export class UserDto extends UserFieldsDto {
  @ApiProperty({ description: 'Sessions started before this instant are void (password reset or change, deactivation)' }) sessionsValidFrom!: string;
}

export class InvitationOutcomeDto {
  @ApiProperty({ description: 'The user id' }) id!: string;
  @ApiProperty({ type: 'integer', description: 'The user stream\'s revision after the command' }) revision!: number;
  @ApiProperty({ enum: ['sent', 'notConfigured', 'failed', 'notSentAgain'], description: 'What became of the invitation e-mail' }) mail!: string;
  @ApiPropertyOptional({ description: 'Only when no SMTP server is configured: the one-time link, for the manager to hand over' }) link?: string;
}

export class EventTypeDto {
  @ApiProperty({ example: 'UserRoleChanged' }) type!: string;
}

export class UserChangeOutcomeDto {
  @ApiProperty({ description: 'The user id' }) id!: string;
  @ApiProperty({ type: 'integer', description: 'The user stream\'s revision after the command' }) revision!: number;
  @ApiProperty({ type: [EventTypeDto], description: 'Empty when the command changed nothing (a repeat)' }) events!: EventTypeDto[];
}

export class ApiKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String] }) accounts!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'The actor id of the manager who created it' }) createdBy!: string;
  @ApiProperty({ type: 'string', nullable: true }) revokedAt!: string | null;
}

export class ApiKeysPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
}

export class CreatedApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Shown this once (only its hash is kept): send it as `Authorization: Bearer <token>`' }) token!: string;
}

export class RevokedApiKeyDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: [true] }) revoked!: boolean;
}

export class PersonDto {
  @ApiProperty({ description: 'An actor id as histories show it (`apikey:<id>` for a key)' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
}

export class PeoplePageDto {
  @ApiProperty({ type: [PersonDto] }) items!: PersonDto[];
}
