import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested,
} from 'class-validator';
import { PASSWORD_MAX_LENGTH, staffRoles, userRoles } from '#identity';
import { ID_PATTERN, LIMITS } from '../../api-shared/limits.js';

const TOKEN = { maxLength: 200 } as const;

export class SignInRequestDto {
  @ApiProperty({ example: 'maria@agencia.com.br' }) @IsString() @MaxLength(254) email!: string;
  @ApiProperty() @IsString() @MaxLength(PASSWORD_MAX_LENGTH) password!: string;
}

export class TokenRequestDto {
  @ApiProperty({ description: 'The token from the link (the part after #)', ...TOKEN }) @IsString() @MaxLength(TOKEN.maxLength) token!: string;
}

export class NewPasswordRequestDto extends TokenRequestDto {
  @ApiProperty({ minLength: 10, maxLength: PASSWORD_MAX_LENGTH }) @IsString() @MaxLength(PASSWORD_MAX_LENGTH) password!: string;
}

export class FirstManagerRequestDto extends NewPasswordRequestDto {
  @ApiProperty({ maxLength: LIMITS.name }) @IsString() @MinLength(1) @MaxLength(LIMITS.name) name!: string;
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
}

export class PasswordResetRequestDto {
  @ApiProperty() @IsString() @MaxLength(254) email!: string;
}

export class ChangePasswordRequestDto {
  @ApiProperty() @IsString() @MaxLength(PASSWORD_MAX_LENGTH) currentPassword!: string;
  @ApiProperty({ minLength: 10 }) @IsString() @MaxLength(PASSWORD_MAX_LENGTH) newPassword!: string;
}

export class AccountGrantDto {
  @ApiProperty() @Matches(ID_PATTERN) accountId!: string;
  @ApiProperty({ description: 'May approve or reject estimates on this account' }) @IsBoolean() mayApprove!: boolean;
}

export class InviteUserRequestDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;
  @ApiProperty({ maxLength: LIMITS.name }) @IsString() @MinLength(1) @MaxLength(LIMITS.name) name!: string;
  @ApiProperty({ enum: userRoles }) @IsIn(userRoles) role!: (typeof userRoles)[number];
  @ApiPropertyOptional({ type: [AccountGrantDto], description: 'A client user\'s accounts (required for a client)' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AccountGrantDto)
  grants?: AccountGrantDto[];
}

export class ChangeRoleRequestDto {
  @ApiProperty({ enum: staffRoles }) @IsIn(staffRoles) role!: (typeof staffRoles)[number];
}

export class ChangeAccessRequestDto {
  @ApiProperty({ type: [AccountGrantDto] })
  @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => AccountGrantDto)
  grants!: AccountGrantDto[];
}

export class ReasonDto {
  @ApiProperty({ maxLength: LIMITS.name }) @IsString() @MinLength(1) @MaxLength(LIMITS.name) reason!: string;
}

export class CreateApiKeyRequestDto {
  @ApiProperty({ maxLength: LIMITS.name, example: 'notificador' }) @IsString() @MinLength(1) @MaxLength(LIMITS.name) name!: string;
  @ApiProperty({ enum: userRoles }) @IsIn(userRoles) role!: (typeof userRoles)[number];
  @ApiPropertyOptional({ type: [String], description: 'A client key\'s accounts' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @Matches(ID_PATTERN, { each: true })
  accounts?: string[];
}
