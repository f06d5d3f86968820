import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '#platform';
import { type AttachmentStore, type StoredAttachment, attachmentIdOf, isAttachmentId, verified } from './attachment-store.js';

const statusOf = (error: unknown): number | undefined => (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;

type Sdk = typeof import('@aws-sdk/client-s3');

/** Loaded on first use: processes that store attachments elsewhere never load the AWS SDK (about 0.2 s at start). */
const sdk = (): Promise<Sdk> => import('@aws-sdk/client-s3');

const clientOf = ({ S3Client }: Sdk, settings: S3Settings): S3Client =>
  new S3Client({
    region: settings.region,
    ...(settings.endpoint !== undefined && { endpoint: settings.endpoint }),
    forcePathStyle: settings.forcePathStyle,
    ...(settings.credentials && { credentials: settings.credentials }),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });

/** The client for these settings. Checksums only where S3 requires them: many S3-compatible servers know no others. */
export const s3ClientFor = async (settings: S3Settings): Promise<S3Client> => clientOf(await sdk(), settings);

/**
 * Attachments in an S3-compatible bucket (HOURBANK_ATTACHMENT_STORE=s3): one object per content under
 * `<prefix>ab/abcdef…`, sent with its Content-MD5 (the server refuses bytes damaged on the way) and the SHA-256 in
 * its metadata. A PUT is whole or absent on S3, and the same key always gets the same bytes, so two replicas storing
 * one file at once cannot disagree. The bucket must exist; the application never creates or deletes buckets.
 */
export class S3AttachmentStore implements AttachmentStore {
  private connection: Promise<{ readonly sdk: Sdk; readonly client: S3Client }> | undefined;

  constructor(private readonly settings: S3Settings) {}

  private connect() {
    this.connection ??= sdk().then((loaded) => ({ sdk: loaded, client: clientOf(loaded, this.settings) }));
    return this.connection;
  }

  private keyOf(attachmentId: string): string {
    return `${this.settings.prefix}${attachmentId.slice(0, 2)}/${attachmentId}`;
  }

  async put(content: Buffer): Promise<{ attachmentId: string; size: number }> {
    const attachmentId = attachmentIdOf(content);
    const target = { Bucket: this.settings.bucket, Key: this.keyOf(attachmentId) };
    if ((await this.sizeOf(attachmentId)) !== content.length) {
      const { sdk: { PutObjectCommand }, client } = await this.connect();
      await client.send(new PutObjectCommand({
        ...target, Body: content, ContentLength: content.length, ContentType: 'application/octet-stream',
        ContentMD5: createHash('md5').update(content).digest('base64'), Metadata: { sha256: attachmentId },
      }));
    }
    return { attachmentId, size: content.length };
  }

  /** The stored object's size, or undefined when there is none. */
  private async sizeOf(attachmentId: string): Promise<number | undefined> {
    const { sdk: { HeadObjectCommand }, client } = await this.connect();
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(attachmentId) }));
      return head.ContentLength;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async get(attachmentId: string): Promise<StoredAttachment | undefined> {
    if (!isAttachmentId(attachmentId)) return undefined;
    const { sdk: { GetObjectCommand }, client } = await this.connect();
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.keyOf(attachmentId) }));
      if (!object.Body) return undefined;
      return verified(attachmentId, Buffer.from(await object.Body.transformToByteArray()));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) (await connection).client.destroy();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
