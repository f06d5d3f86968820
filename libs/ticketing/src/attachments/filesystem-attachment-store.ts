import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type AttachmentStore, type StoredAttachment, attachmentIdOf, isAttachmentId, verified } from './attachment-store.js';

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

  /** Every id stored here (files named by their hash in their two-digit folder; temporary `.part` files left out). */
  ids(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((folder) => folder.isDirectory() && /^[0-9a-f]{2}$/.test(folder.name))
      .flatMap((folder) => readdirSync(join(this.root, folder.name)).filter((name) => isAttachmentId(name) && name.startsWith(folder.name)))
      .sort();
  }

  async get(attachmentId: string): Promise<StoredAttachment | undefined> {
    if (!isAttachmentId(attachmentId)) return undefined;
    let content: Buffer;
    try {
      content = await readFile(this.pathOf(attachmentId));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return verified(attachmentId, content);
  }
}
