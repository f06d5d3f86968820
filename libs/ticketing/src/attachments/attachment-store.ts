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
 * Implementations: the data dir (embedded), PostgreSQL and an S3-compatible bucket (server deployment); the same
 * contract suite (`libs/testing/src/attachments`) runs on each.
 */
export interface AttachmentStore {
  /**
   * Stores the bytes (a no-op when the same content is there) and answers their id. The caller has already checked
   * size and type: nothing is written for a refused file.
   */
  put(content: Buffer): Promise<{ attachmentId: string; size: number }>;
  /** The bytes, their SHA-256 checked against the id (an `AttachmentIntegrityError` otherwise); undefined if absent. */
  get(attachmentId: string): Promise<StoredAttachment | undefined>;
  close?(): Promise<void>;
}

export const ATTACHMENT_STORE = Symbol.for('hourbank.AttachmentStore');

export const attachmentIdOf = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** The shape of an attachment id: a SHA-256 in lowercase hex. Anything else is never looked up. */
export const isAttachmentId = (candidate: string): boolean => /^[0-9a-f]{64}$/.test(candidate);

/** The bytes read back are not those the id names (a damaged disk, a bucket edited by hand): never served. */
export class AttachmentIntegrityError extends Error {
  constructor(readonly attachmentId: string, readonly actual: string) {
    super(`Attachment ${attachmentId} is damaged: its stored bytes hash to ${actual}`);
    this.name = 'AttachmentIntegrityError';
  }
}

/** The stored bytes, once their hash is the id; else an AttachmentIntegrityError. */
export const verified = (attachmentId: string, content: Buffer): StoredAttachment => {
  const actual = attachmentIdOf(content);
  if (actual !== attachmentId) throw new AttachmentIntegrityError(attachmentId, actual);
  return { attachmentId, size: content.length, content };
};
