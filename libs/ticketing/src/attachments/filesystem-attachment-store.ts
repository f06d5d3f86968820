import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AttachmentStore, type StoredAttachment, attachmentIdOf } from './attachment-store.js';

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The embedded deployment's attachments: one file per content under `<dataDir>/attachments/ab/abcdef…`, written to a
 * temporary name and renamed (a crash never leaves half a file under a real name), readable by the owner only.
 */
export class FilesystemAttachmentStore implements AttachmentStore {
  /** The folder is made on the first upload (0700, like the data dir), not before. */
  constructor(private readonly root: string) {}

  private pathOf(attachmentId: string): string {
    return join(this.root, attachmentId.slice(0, 2), attachmentId);
  }

  async put(content: Buffer): Promise<{ attachmentId: string; size: number }> {
    const attachmentId = attachmentIdOf(content);
    const path = this.pathOf(attachmentId);
    if (!existsSync(path)) {
      mkdirSync(join(this.root, attachmentId.slice(0, 2)), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomUUID()}.part`;
      try {
        await writeFile(temporary, content, { mode: 0o600, flush: true });
        await rename(temporary, path);
      } finally {
        await rm(temporary, { force: true });
      }
    }
    return { attachmentId, size: content.length };
  }

  async get(attachmentId: string): Promise<StoredAttachment | undefined> {
    if (!SHA256.test(attachmentId)) return undefined;
    try {
      const content = await readFile(this.pathOf(attachmentId));
      return { attachmentId, size: content.length, content };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
