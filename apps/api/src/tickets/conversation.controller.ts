import { Body, Controller, Get, Headers, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested, Matches } from 'class-validator';
import { Type } from 'class-transformer';
import {
  ATTACHMENT_MEDIA_TYPES, GetAttachmentQuery, GetConversationQuery, INLINE_MEDIA_TYPES, MAX_ATTACHMENTS_PER_MESSAGE, PostMessageCommand, UploadAttachmentCommand,
  type AttachmentDownload, type ConversationEvent, type TicketCommandOutcome,
} from '#ticketing';
import { ApiProblems, COMMAND_PROBLEMS, CurrentPrincipal, CurrentRequestContext, Roles, commandContextFrom, type HttpRequest, type HttpResponse, type Principal, type RawBodyRoute, type RequestContext } from '#platform';
import { CommandOutcomeDto } from '../api-shared/command-outcome.dto.js';
import { IdParam } from '../api-shared/id-param.js';
import { LIMITS } from '../api-shared/limits.js';

/** The one route whose body is a file: read as bytes by the platform, bounded by HOURBANK_ATTACHMENT_MAX_BYTES. */
export const ATTACHMENT_UPLOAD_ROUTE = (limitBytes: number): RawBodyRoute => ({ method: 'POST', path: /^\/tickets\/[^/]+\/attachments$/, limitBytes });

const TicketId = () => IdParam('id', 'TICKET_NOT_FOUND');

class MessageAttachmentDto {
  @ApiProperty({ description: 'The id an upload answered (the SHA-256 of the file)', pattern: '^[0-9a-f]{64}$' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'attachmentId must be the SHA-256 an upload answered' })
  attachmentId!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.name, description: 'The name to show (default: the upload name)' })
  @IsOptional() @IsString() @MaxLength(LIMITS.name)
  name?: string;
}

export class PostMessageRequestDto {
  @ApiPropertyOptional({ maxLength: LIMITS.description, default: '' })
  @IsOptional() @IsString() @MaxLength(LIMITS.description)
  body?: string;

  @ApiPropertyOptional({ enum: ['public', 'internal'], default: 'public', description: 'internal: a note only staff see' })
  @IsOptional() @IsIn(['public', 'internal'])
  visibility?: 'public' | 'internal';

  @ApiPropertyOptional({ type: [MessageAttachmentDto], maxItems: MAX_ATTACHMENTS_PER_MESSAGE })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_ATTACHMENTS_PER_MESSAGE) @ValidateNested({ each: true }) @Type(() => MessageAttachmentDto)
  attachments?: MessageAttachmentDto[];
}

export class UploadQueryDto {
  @ApiProperty({ maxLength: LIMITS.name, description: 'The file name', example: 'tela-erro.png' })
  @IsString() @MinLength(1) @MaxLength(LIMITS.name)
  name!: string;
}

class AttachmentRefDto {
  @ApiProperty() attachmentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty({ type: 'integer', description: 'Bytes' }) size!: number;
}

class ConversationEntryDto {
  @ApiProperty({ enum: ['AttachmentUploaded', 'MessagePosted', 'InternalNoteAdded'] }) type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'messageId, body, attachments, authorId, authorRole, postedAt (an upload: its file)' })
  data!: Record<string, unknown>;
}

class ConversationDto {
  @ApiProperty({ type: [ConversationEntryDto], description: 'In order; a client sees public messages and its own uploads only' }) events!: ConversationEntryDto[];
  @ApiProperty({ type: [AttachmentRefDto] }) attachments!: AttachmentRefDto[];
}

/** The conversation of a ticket: public messages, staff's internal notes, and attached files (content-addressed). */
@ApiTags('conversation')
@ApiBearerAuth()
@Controller('tickets/:id')
export class ConversationController {
  constructor(private readonly commands: CommandBus, private readonly queries: QueryBus) {}

  @Get('conversation')
  @ApiOperation({ summary: 'The messages of the ticket (a client: public ones, never the internal notes), strongly consistent' })
  @ApiOkResponse({ type: ConversationDto })
  @ApiProblems(404)
  async conversation(@TicketId() id: string, @CurrentPrincipal() caller: Principal): Promise<ConversationDto> {
    const events: ConversationEvent[] = await this.queries.execute(new GetConversationQuery(id, caller));
    const attachments = events.flatMap((event) => (event.type === 'AttachmentUploaded' ? [] : event.data.attachments));
    return { events: events.map(({ type, data }) => ({ type, data: data as unknown as Record<string, unknown> })), attachments };
  }

  @Post('messages')
  @Roles('client', 'agent', 'manager')
  @ApiOperation({ summary: 'Post a message (public) or an internal note (staff), with files uploaded to this ticket' })
  @ApiCreatedResponse({ type: CommandOutcomeDto })
  @ApiProblems(...COMMAND_PROBLEMS)
  post(@TicketId() id: string, @Body() body: PostMessageRequestDto, @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext): Promise<TicketCommandOutcome> {
    const input = { body: body.body ?? '', visibility: body.visibility ?? 'public', attachments: body.attachments ?? [] };
    return this.commands.execute(new PostMessageCommand(id, input, caller, commandContextFrom(request)));
  }

  @Post('attachments')
  @Roles('client', 'agent', 'manager')
  @ApiOperation({ summary: `Upload a file (the raw bytes, Content-Type one of the allowed types, up to HOURBANK_ATTACHMENT_MAX_BYTES); post it with a message` })
  @ApiConsumes(...ATTACHMENT_MEDIA_TYPES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiCreatedResponse({ type: CommandOutcomeDto, description: 'The AttachmentUploaded event carries attachmentId, name, mediaType and size (nothing new for a file already uploaded here)' })
  @ApiProblems(...COMMAND_PROBLEMS, 415)
  upload(
    @TicketId() id: string, @Query() query: UploadQueryDto, @Headers('content-type') contentType: string | undefined, @Req() http: HttpRequest,
    @CurrentPrincipal() caller: Principal, @CurrentRequestContext() request: RequestContext,
  ): Promise<TicketCommandOutcome> {
    const content = Buffer.isBuffer(http.body) ? http.body : Buffer.alloc(0);
    return this.commands.execute(new UploadAttachmentCommand(id, { name: query.name, declaredType: contentType ?? '', content }, caller, commandContextFrom(request)));
  }

  @Get('attachments/:attachmentId')
  @ApiOperation({ summary: 'Download a file of the conversation the caller may see (images may be shown inline with ?inline=true)' })
  @ApiProduces(...ATTACHMENT_MEDIA_TYPES)
  @ApiOkResponse({ description: 'The file', content: Object.fromEntries(ATTACHMENT_MEDIA_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiProblems(404)
  async download(
    @TicketId() id: string, @IdParam('attachmentId', 'ATTACHMENT_NOT_FOUND') attachmentId: string, @Query('inline') inline: string | undefined,
    @CurrentPrincipal() caller: Principal, @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<StreamableFile> {
    const file: AttachmentDownload = await this.queries.execute(new GetAttachmentQuery(id, attachmentId, caller));
    const disposition = inline === 'true' && INLINE_MEDIA_TYPES.includes(file.ref.mediaType) ? 'inline' : 'attachment';
    response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    return new StreamableFile(file.content, {
      type: file.ref.mediaType,
      disposition: `${disposition}; filename="${file.ref.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.ref.name)}`,
      length: file.content.length,
    });
  }
}
