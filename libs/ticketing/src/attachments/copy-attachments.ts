import { AttachmentIntegrityError, type AttachmentStore } from './attachment-store.js';
import type { FilesystemAttachmentStore } from './filesystem-attachment-store.js';

export interface CopyReport {
  /** Files now in the target (stored anew, or there already: a put of the same content is a no-op). */
  readonly copied: number;
  /** Files whose bytes no longer hash to their name: left out, named here. */
  readonly damaged: readonly string[];
}

/**
 * Moves the embedded deployment's attachments into the server deployment's store: every file of a data dir's
 * `attachments` folder, its hash checked, put into `target`. Safe to run again (and while APIs run): the same
 * content is stored once.
 */
export async function copyAttachments(source: FilesystemAttachmentStore, target: AttachmentStore): Promise<CopyReport> {
  let copied = 0;
  const damaged: string[] = [];
  for (const attachmentId of source.ids()) {
    try {
      const file = await source.get(attachmentId);
      if (!file) continue;
      await target.put(file.content);
      copied++;
    } catch (error) {
      if (!(error instanceof AttachmentIntegrityError)) throw error;
      damaged.push(attachmentId);
    }
  }
  return { copied, damaged };
}
