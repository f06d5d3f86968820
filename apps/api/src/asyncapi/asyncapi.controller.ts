import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPublicProblems } from '#platform';
import { Public } from '#platform';
import { buildAsyncApiDocument } from './asyncapi-document.js';

@ApiTags('feed')
@Controller()
export class AsyncApiController {
  private readonly document = buildAsyncApiDocument();

  @Get('asyncapi.json')
  @Public()
  @ApiOperation({ summary: 'AsyncAPI 3.0 document of the published events, with a JSON Schema per stored type' })
  @ApiOkResponse({ description: 'AsyncAPI 3.0', schema: { type: 'object', additionalProperties: true } })
  @ApiPublicProblems(400, 429)
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
