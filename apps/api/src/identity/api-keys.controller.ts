import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CreateApiKeyCommand, RevokeApiKeyCommand, directoryApiKeys } from '#identity';
import { ApiProblems, COMMAND_PROBLEMS, CurrentRequestContext, Roles, type RequestContext } from '#platform';
import { ReadModels } from '../../../worker/src/read-models.js';
import { ReadModelFreshness } from '../../../worker/src/read-model-freshness.js';
import { CreateApiKeyRequestDto, ReasonDto } from './dto/identity.request.dto.js';
import { ApiKeysPageDto, CreatedApiKeyDto, RevokedApiKeyDto } from './dto/identity.response.dto.js';

/** Bearer credentials for machines: named, shown once, revocable; a request with a revoked key is refused at once. */
@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly commands: CommandBus, private readonly readModels: ReadModels, private readonly freshness: ReadModelFreshness) {}

  @ApiResponse({ status: 200, type: ApiKeysPageDto })
  @Get() @Roles('manager', 'auditor')
  @ApiOperation({ summary: 'Every API key (never its secret)' })
  @ApiProblems(403)
  async list() {
    await this.freshness.caughtUp(['identity-directory']);
    return { items: (await directoryApiKeys(this.readModels.reader)) };
  }

  @ApiResponse({ status: 201, type: CreatedApiKeyDto })
  @Post() @Roles('manager')
  @ApiOperation({ summary: 'Create a key: the answer holds the token, shown this once; send it as `Authorization: Bearer <token>`' })
  @ApiProblems(...COMMAND_PROBLEMS)
  create(@Body() body: CreateApiKeyRequestDto, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new CreateApiKeyCommand(body, request));
  }

  @ApiResponse({ status: 200, type: RevokedApiKeyDto })
  @Post(':id/revocation') @Roles('manager') @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key' })
  @ApiProblems(...COMMAND_PROBLEMS)
  revoke(@Param('id') id: string, @Body() body: ReasonDto, @CurrentRequestContext() request: RequestContext) {
    return this.commands.execute(new RevokeApiKeyCommand(id, body.reason, request));
  }
}
