import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '#platform';
import { buildAsyncApiDocument } from './asyncapi-document.js';

@ApiTags('feed')
@Controller()
export class AsyncApiController {
  private readonly document = buildAsyncApiDocument();

  @Get('asyncapi.json')
  @Public()
  @ApiOperation({ summary: 'AsyncAPI 3.0 document of the published events, with a JSON Schema per stored type' })
  asyncApi(): Record<string, unknown> {
    return this.document;
  }
}
