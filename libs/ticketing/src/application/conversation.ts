import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventCodec, type EventStore } from '#eventstore';
import { DomainError } from '#kernel';
import { CommandPipeline, type CommandContext, type Principal, loadStream } from '#platform';
import { ATTACHMENT_STORE, type AttachmentStore } from '../attachments/attachment-store.js';
import { checkMediaType } from '../attachments/media-types.js';
import {
  type AttachmentRef, type ConversationCommand, type ConversationEvent, type Visibility, conversationDecider, conversationEventNames, conversationStream,
} from '../domain/conversation/conversation.js';
import type { TicketCommandOutcome } from './command-outcome.js';
import { actorOf } from './ticket-access.js';
import { TicketPipeline } from './ticket-pipeline.js';

export const conversationCodec = new EventCodec(conversationEventNames);

/** HOURBANK_ATTACHMENT_MAX_BYTES. */
export interface AttachmentSettings {
  readonly maxBytes: number;
}
export const ATTACHMENT_SETTINGS = Symbol.for('hourbank.AttachmentSettings');

/** A file as uploaded: bounded in size, of an allowed type its content matches. */
export const acceptAttachment = (content: Buffer, declaredType: string, maxBytes: number): string => {
  if (content.length === 0) throw new DomainError('ATTACHMENT_IS_EMPTY', 'The file is empty');
  if (content.length > maxBytes) throw new DomainError('ATTACHMENT_TOO_LARGE', `Attachments are at most ${maxBytes} bytes`, { maxBytes, size: content.length });
  const verdict = checkMediaType(declaredType, content);
  if (!verdict.ok) throw new DomainError(verdict.code, 'This kind of file cannot be attached', { declaredType });
  return verdict.mediaType;
};

/** A ticket's conversation stream, decided like any other; the ticket (and its tenant) is checked first. */
@Injectable()
export class Conversations {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly tickets: TicketPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(ticketId: string, caller: Principal, context: CommandContext, build: (accountId: string) => Omit<ConversationCommand, 'now'>): Promise<TicketCommandOutcome> {
    const accountId = await this.tickets.accountIdOf(ticketId, caller);
    const result = await this.pipeline.execute({
      stream: conversationStream(ticketId), decider: conversationDecider, codec: conversationCodec, context,
      command: (now) => ({ ...build(accountId), now }) as ConversationCommand,
    });
    return { id: ticketId, revision: result.nextExpectedRevision, events: result.events.map(({ type, data }) => ({ type, data })) };
  }

  /** The events a caller may see: a client never sees internal notes nor files staff uploaded and did not post. */
  async visible(ticketId: string, caller: Principal): Promise<ConversationEvent[]> {
    await this.tickets.accountIdOf(ticketId, caller);
    const events: ConversationEvent[] = [];
    for await (const recorded of this.store.readStream(conversationStream(ticketId))) events.push(conversationCodec.decode<ConversationEvent>(recorded));
    if (caller.role !== 'client') return events;
    return events.filter((event) => event.type === 'MessagePosted' || (event.type === 'AttachmentUploaded' && event.data.authorRole === 'client'));
  }

  /** The state of the stream, for checks on what was uploaded. */
  async load(ticketId: string) {
    return (await loadStream(this.store, conversationStream(ticketId), conversationDecider, conversationCodec, '')).state;
  }
}

export class UploadAttachmentCommand extends Command<TicketCommandOutcome> {
  constructor(readonly ticketId: string, readonly input: { name: string; declaredType: string; content: Buffer }, readonly caller: Principal, readonly context: CommandContext) {
    super();
  }
}

export class PostMessageCommand extends Command<TicketCommandOutcome> {
  constructor(
    readonly ticketId: string,
    readonly input: { body: string; visibility: Visibility; attachments: readonly { attachmentId: string; name?: string }[] },
    readonly caller: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** The bytes go to the store (content-addressed), the fact that this ticket has the file to its conversation. */
@CommandHandler(UploadAttachmentCommand)
export class UploadAttachmentHandler implements ICommandHandler<UploadAttachmentCommand> {
  constructor(
    private readonly conversations: Conversations,
    @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore,
    @Inject(ATTACHMENT_SETTINGS) private readonly settings: AttachmentSettings,
  ) {}

  async execute({ ticketId, input, caller, context }: UploadAttachmentCommand): Promise<TicketCommandOutcome> {
    const mediaType = acceptAttachment(input.content, input.declaredType, this.settings.maxBytes);
    await this.conversations.visible(ticketId, caller);
    const { attachmentId, size } = await this.files.put(input.content);
    const ref: AttachmentRef = { attachmentId, name: input.name, mediaType, size };
    return this.conversations.run(ticketId, caller, context, (accountId) => ({ type: 'UploadAttachment', by: actorOf(caller), data: { ticketId, accountId, ...ref } }));
  }
}

/** The message id is the command id: a retried request posts once. */
@CommandHandler(PostMessageCommand)
export class PostMessageHandler implements ICommandHandler<PostMessageCommand> {
  constructor(private readonly conversations: Conversations) {}

  execute({ ticketId, input, caller, context }: PostMessageCommand): Promise<TicketCommandOutcome> {
    return this.conversations.run(ticketId, caller, context, (accountId) => ({
      type: 'PostMessage', by: actorOf(caller), data: { ticketId, accountId, messageId: context.commandId, ...input },
    }));
  }
}

export class GetConversationQuery extends Query<ConversationEvent[]> {
  constructor(readonly ticketId: string, readonly caller: Principal) {
    super();
  }
}

@QueryHandler(GetConversationQuery)
export class GetConversationHandler implements IQueryHandler<GetConversationQuery> {
  constructor(private readonly conversations: Conversations) {}

  execute({ ticketId, caller }: GetConversationQuery): Promise<ConversationEvent[]> {
    return this.conversations.visible(ticketId, caller);
  }
}

export interface AttachmentDownload {
  readonly ref: AttachmentRef;
  readonly content: Buffer;
}

export class GetAttachmentQuery extends Query<AttachmentDownload> {
  constructor(readonly ticketId: string, readonly attachmentId: string, readonly caller: Principal) {
    super();
  }
}

/** A file of the conversation the caller may see (posted where they can read it, or their own upload); else 404. */
@QueryHandler(GetAttachmentQuery)
export class GetAttachmentHandler implements IQueryHandler<GetAttachmentQuery> {
  constructor(private readonly conversations: Conversations, @Inject(ATTACHMENT_STORE) private readonly files: AttachmentStore) {}

  async execute({ ticketId, attachmentId, caller }: GetAttachmentQuery): Promise<AttachmentDownload> {
    const refs = (await this.conversations.visible(ticketId, caller)).flatMap((event) => (event.type === 'AttachmentUploaded' ? [event.data] : event.data.attachments));
    const ref = refs.find((candidate) => candidate.attachmentId === attachmentId);
    if (!ref) throw new DomainError('ATTACHMENT_NOT_FOUND', 'No such attachment on this ticket', { attachmentId });
    const stored = await this.files.get(attachmentId);
    // The log names the file, the store lacks it (a replica on its own data dir, a store not restored): an error of the
    // deployment, logged as one (500), never a 404 that would look like the file had never been uploaded.
    if (!stored) throw new Error(`Attachment ${attachmentId} of ticket ${ticketId} is in the conversation but not in the attachment store`);
    const { attachmentId: id, name, mediaType, size } = ref;
    return { ref: { attachmentId: id, name, mediaType, size }, content: stored.content };
  }
}

export const conversationProviders = [Conversations, UploadAttachmentHandler, PostMessageHandler, GetConversationHandler, GetAttachmentHandler];
