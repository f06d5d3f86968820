import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPublicProblems } from '#platform';
import { Public } from '#platform';
import { buildAsyncApiDocument } from './asyncapi-document.js';

const object = { type: 'object', additionalProperties: true } as const;

/** The top of an AsyncAPI 3.0 document (its own specification describes the rest). */
const ASYNCAPI_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['asyncapi', 'info'],
  properties: { asyncapi: { type: 'string', example: '3.0.0' }, info: object, defaultContentType: { type: 'string' }, servers: object, channels: object, operations: object, components: object },
};

@ApiTags('feed')
@Controller()
export class AsyncApiController {
  private readonly document = buildAsyncApiDocument();

  @Get('asyncapi.json')
  @Public()
  @ApiOperation({ summary: 'AsyncAPI 3.0 document of the published events, with a JSON Schema per stored type' })
  @ApiOkResponse({ description: 'AsyncAPI 3.0', schema: ASYNCAPI_DOCUMENT_SCHEMA })
  @ApiPublicProblems(400, 429)
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
