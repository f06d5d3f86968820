import { createHash } from 'node:crypto';

/** A stored file's bytes, found by the SHA-256 of its content (hex). */
export interface StoredAttachment {
  readonly attachmentId: string;
  readonly size: number;
  readonly content: Buffer;
}

/**
 * Where attachment bytes live, content-addressed (the same file uploaded twice is stored once). What was uploaded to
 * which ticket, by whom and under which name is in the event log (the ticket's conversation stream), not here.
 */
export interface AttachmentStore {
  /** Stores the bytes (a no-op when the same content is there) and answers their id. */
  put(content: Buffer): Promise<{ attachmentId: string; size: number }>;
  get(attachmentId: string): Promise<StoredAttachment | undefined>;
  close?(): Promise<void>;
}

export const ATTACHMENT_STORE = Symbol.for('hourbank.AttachmentStore');

export const attachmentIdOf = (content: Buffer): string => createHash('sha256').update(content).digest('hex');
