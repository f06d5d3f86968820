import type { Temporal } from 'temporal-polyfill';
import { type Decider, type DomainEvent, assertNever } from '#kernel';
import type { Actor } from '../ticket/commands.js';
import type { ActorRole } from '../ticket/events.js';
import { fail } from '../ticket/errors.js';

/** A file stored content-addressed: `attachmentId` is the SHA-256 of its bytes (hex). */
export interface AttachmentRef {
  readonly attachmentId: string;
  readonly name: string;
  readonly mediaType: string;
  readonly size: number;
}

export type Visibility = 'public' | 'internal';
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

type Author = { readonly authorId: string; readonly authorRole: ActorRole };
type Message = { ticketId: string; accountId: string; messageId: string; body: string; attachments: AttachmentRef[]; postedAt: string } & Author;

export type AttachmentUploaded = DomainEvent<'AttachmentUploaded', AttachmentRef & { ticketId: string; accountId: string; uploadedAt: string } & Author>;
/** Seen by the client and staff. */
export type MessagePosted = DomainEvent<'MessagePosted', Message>;
/** Staff only: never shown to the client, never on a client's feed. */
export type InternalNoteAdded = DomainEvent<'InternalNoteAdded', Message>;
export type ConversationEvent = AttachmentUploaded | MessagePosted | InternalNoteAdded;

export const conversationEventNames: Readonly<Record<ConversationEvent['type'], string>> = {
  AttachmentUploaded: 'hourbank.conversation.attachment-uploaded.v1',
  MessagePosted: 'hourbank.conversation.message-posted.v1',
  InternalNoteAdded: 'hourbank.conversation.internal-note-added.v1',
};

/** The ticket the conversation belongs to, looked up by the handler (a missing or foreign ticket never gets here). */
interface OnTicket { readonly ticketId: string; readonly accountId: string }

export type UploadAttachment = { type: 'UploadAttachment'; data: OnTicket & AttachmentRef; now: Temporal.Instant; by: Actor };
export type PostMessage = {
  type: 'PostMessage';
  data: OnTicket & { messageId: string; body: string; visibility: Visibility; attachments: readonly { attachmentId: string; name?: string }[] };
  now: Temporal.Instant;
  by: Actor;
};
export type ConversationCommand = UploadAttachment | PostMessage;

export interface ConversationState {
  readonly uploads: Readonly<Record<string, AttachmentRef & { readonly uploadedByRole: ActorRole }>>;
  readonly messages: Readonly<Record<string, true>>;
}

export const conversationStream = (ticketId: string): string => `conversation-${ticketId}`;

const SHA256 = /^[0-9a-f]{64}$/;

const upload = ({ data, now, by }: UploadAttachment, state: ConversationState): ConversationEvent[] => {
  if (by.role === 'system') fail('ONLY_PEOPLE_UPLOAD', 'Attachments come from people.');
  if (!SHA256.test(data.attachmentId)) fail('ATTACHMENT_ID_IS_A_SHA256', 'An attachment is named by the SHA-256 of its content.');
  if (state.uploads[data.attachmentId]) return [];
  const { ticketId, accountId, attachmentId, name, mediaType, size } = data;
  return [{ type: 'AttachmentUploaded', data: { ticketId, accountId, attachmentId, name, mediaType, size, authorId: by.actorId, authorRole: by.role, uploadedAt: now.toString() } }];
};

/** The attachments of a message: uploaded to this ticket, a client only its own (clients never see staff's files until posted). */
const attachmentsOf = (command: PostMessage, state: ConversationState): AttachmentRef[] => {
  const { attachments } = command.data;
  if (attachments.length > MAX_ATTACHMENTS_PER_MESSAGE) fail('TOO_MANY_ATTACHMENTS', `At most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments a message.`);
  return attachments.map(({ attachmentId, name }) => {
    const uploaded = state.uploads[attachmentId];
    if (!uploaded || (command.by.role === 'client' && uploaded.uploadedByRole !== 'client')) {
      fail('ATTACHMENT_NOT_UPLOADED_TO_THIS_TICKET', 'Upload the file to this ticket first.', { attachmentId });
    }
    return { attachmentId, name: name?.trim() || uploaded!.name, mediaType: uploaded!.mediaType, size: uploaded!.size };
  });
};

/** A public message (client or staff) or an internal note (staff only); a repeated message id changes nothing. */
const post = (command: PostMessage, state: ConversationState): ConversationEvent[] => {
  const { data, now, by } = command;
  if (state.messages[data.messageId]) return [];
  if (data.visibility !== 'public' && data.visibility !== 'internal') fail('UNKNOWN_MESSAGE_VISIBILITY', 'Public or internal.');
  if (data.visibility === 'internal' && (by.role === 'client' || by.role === 'system')) fail('ONLY_STAFF_WRITE_INTERNAL_NOTES', 'Internal notes are for staff.');
  const body = (data.body ?? '').trim();
  const attachments = attachmentsOf(command, state);
  if (body === '' && attachments.length === 0) fail('MESSAGE_IS_EMPTY', 'Write something or attach a file.');
  const message = { ticketId: data.ticketId, accountId: data.accountId, messageId: data.messageId, body, attachments, authorId: by.actorId, authorRole: by.role, postedAt: now.toString() };
  return [{ type: data.visibility === 'public' ? 'MessagePosted' : 'InternalNoteAdded', data: message }];
};

const evolve = (state: ConversationState, event: ConversationEvent): ConversationState => {
  switch (event.type) {
    case 'AttachmentUploaded': {
      const { attachmentId, name, mediaType, size, authorRole } = event.data;
      return { ...state, uploads: { ...state.uploads, [attachmentId]: { attachmentId, name, mediaType, size, uploadedByRole: authorRole } } };
    }
    case 'MessagePosted':
    case 'InternalNoteAdded':
      return { ...state, messages: { ...state.messages, [event.data.messageId]: true } };
    default:
      return assertNever(event);
  }
};

export const conversationDecider: Decider<ConversationCommand, ConversationEvent, ConversationState> = {
  initialState: () => ({ uploads: {}, messages: {} }),
  decide: (command, state) => (command.type === 'UploadAttachment' ? upload(command, state) : post(command, state)),
  evolve,
};
