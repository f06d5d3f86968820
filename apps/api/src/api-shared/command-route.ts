import { HttpCode, applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblems, COMMAND_PROBLEMS } from '#platform';
import { CommandOutcomeDto } from './command-outcome.dto.js';

/**
 * A command route: its summary, the command outcome as its documented 2xx (201 when it creates something, else 200)
 * and the command problems.
 */
export const CommandRoute = (summary: string, created = false) =>
  applyDecorators(
    ApiOperation({ summary }),
    (created ? ApiCreatedResponse : ApiOkResponse)({ type: CommandOutcomeDto }),
    ApiProblems(...COMMAND_PROBLEMS),
    ...(created ? [] : [HttpCode(200)]),
  );
