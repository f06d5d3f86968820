import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { DomainError } from '#kernel';
import {
  ChangeUserCommand, IdentityStreams, InviteUserCommand, RenewInvitationCommand, directoryUsers, type DirectoryUser, type UserRole,
} from '#identity';
import { ApiProblems, COMMAND_PROBLEMS, CurrentRequestContext, Roles, type RequestContext } from '#platform';
import { IdParam } from '../api-shared/id-param.js';
import { ReadModels } from '../../../worker/src/read-models.js';
import { ChangeAccessRequestDto, ChangeRoleRequestDto, InviteUserRequestDto, ReasonDto } from './dto/identity.request.dto.js';
import { ReadModelFreshness } from '../../../worker/src/read-model-freshness.js';
import { InvitationOutcomeDto, UserChangeOutcomeDto, UserDto, UsersPageDto } from './dto/identity.response.dto.js';

const UserId = () => IdParam('id', 'USER_NOT_FOUND');

/** Users and invitations: a manager changes them, an auditor reads them. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly streams: IdentityStreams,
    private readonly readModels: ReadModels,
    private readonly freshness: ReadModelFreshness,
  ) {}

  @ApiResponse({ status: 200, type: UsersPageDto })
  @Get() @Roles('manager', 'auditor')
  @ApiOperation({ summary: 'Every user with role, status, account grants, last sign-in and lockout (read model, caught up first)' })
  @ApiProblems(403)
  async list(@Query('role') role?: string, @Query('accountId') accountId?: string): Promise<{ items: DirectoryUser[] }> {
    await this.freshness.caughtUp(['identity-directory']);
    return { items: (await directoryUsers(this.readModels.reader, { ...(role && { role: role as UserRole }), ...(accountId && { accountId }) })) };
  }

  @ApiResponse({ status: 200, type: UserDto })
  @Get(':id') @Roles('manager', 'auditor')
  @ApiOperation({ summary: 'One user as its stream says now (secrets left out)' })
  @ApiProblems(404)
  async get(@UserId() id: string) {
    const user = await this.streams.user(id);
    if (user.status === 'none') throw new DomainError('USER_NOT_FOUND', `User ${id} was not found`, { userId: id });
    const { passwordHash: _p, invitation, reset: _r, ...rest } = user;
    return { ...rest, ...(invitation && { invitationExpiresAt: invitation.expiresAt }) };
  }

  @ApiResponse({ status: 201, type: InvitationOutcomeDto })
  @Post() @Roles('manager')
  @ApiOperation({ summary: 'Invite a user by e-mail (one-time link); a client user is bound to accounts, some as approver' })
  @ApiProblems(...COMMAND_PROBLEMS)
  invite(@Body() body: InviteUserRequestDto, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new InviteUserCommand(body, request));
  }

  @ApiResponse({ status: 201, type: InvitationOutcomeDto })
  @Post(':id/invitation') @Roles('manager')
  @ApiOperation({ summary: 'Send a pending invitation again with a new link (the old one stops working)' })
  @ApiProblems(...COMMAND_PROBLEMS)
  renew(@UserId() id: string, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new RenewInvitationCommand(id, request));
  }

  @ApiResponse({ status: 200, type: UserChangeOutcomeDto })
  @Put(':id/role') @Roles('manager')
  @ApiOperation({ summary: 'Change a staff user\'s role (agent, manager, auditor)' })
  @ApiProblems(...COMMAND_PROBLEMS)
  changeRole(@UserId() id: string, @Body() body: ChangeRoleRequestDto, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new ChangeUserCommand(id, { type: 'ChangeUserRole', role: body.role }, request));
  }

  @ApiResponse({ status: 200, type: UserChangeOutcomeDto })
  @Put(':id/access') @Roles('manager')
  @ApiOperation({ summary: 'Change a client user\'s accounts and who may approve estimates on each' })
  @ApiProblems(...COMMAND_PROBLEMS)
  changeAccess(@UserId() id: string, @Body() body: ChangeAccessRequestDto, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new ChangeUserCommand(id, { type: 'ChangeClientAccess', grants: body.grants }, request));
  }

  @ApiResponse({ status: 200, type: UserChangeOutcomeDto })
  @Post(':id/deactivation') @Roles('manager') @HttpCode(200)
  @ApiOperation({ summary: 'Deactivate a user: every session ends at once, sign-in is refused' })
  @ApiProblems(...COMMAND_PROBLEMS)
  deactivate(@UserId() id: string, @Body() body: ReasonDto, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new ChangeUserCommand(id, { type: 'DeactivateUser', reason: body.reason }, request));
  }

  @ApiResponse({ status: 200, type: UserChangeOutcomeDto })
  @Post(':id/reactivation') @Roles('manager') @HttpCode(200)
  @ApiOperation({ summary: 'Reactivate a user' })
  @ApiProblems(...COMMAND_PROBLEMS)
  reactivate(@UserId() id: string, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new ChangeUserCommand(id, { type: 'ReactivateUser' }, request));
  }
}
