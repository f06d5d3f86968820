import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '#platform';
import { FilesystemAttachmentStore, copyAttachments, openAttachmentStore } from '#ticketing';

interface Flags {
  readonly from?: string;
}

/**
 * From the embedded deployment to the server one: copies the attachments of a data dir into the store the
 * configuration names (HOURBANK_ATTACHMENT_STORE, or PostgreSQL with HOURBANK_DATABASE_URL). Exits 1 when a file is
 * damaged (it is named, and left out) or when the target is that same folder.
 */
export function registerCopyAttachments(program: Command): void {
  program
    .command('copy-attachments')
    .description('copy the attachments of a data dir into the configured attachment store (PostgreSQL or S3); safe to run again')
    .option('--from <folder>', 'the attachments folder to read (default: <data dir>/attachments)')
    .action(async (flags: Flags) => {
      const config = loadConfig(process.env, process.cwd(), { checksTokens: false });
      const from = flags.from ? resolve(flags.from) : join(config.dataDir, 'attachments');
      const settings = config.tickets.attachmentStore;
      if (settings.kind === 'data-dir' && from === join(config.dataDir, 'attachments')) {
        throw new Error(`the attachment store is ${from} itself: set HOURBANK_ATTACHMENT_STORE (postgres or s3), or HOURBANK_DATABASE_URL`);
      }
      const target = openAttachmentStore(settings, config.dataDir);
      try {
        const { copied, damaged } = await copyAttachments(new FilesystemAttachmentStore(from), target);
        process.stdout.write(`${copied} attachment${copied === 1 ? '' : 's'} from ${from} are in the ${settings.kind} store\n`);
        if (damaged.length > 0) {
          process.stderr.write(`${damaged.length} damaged (their bytes do not hash to their name), left out:\n${damaged.map((id) => `  ${id}\n`).join('')}`);
          process.exitCode = 1;
        }
      } finally {
        await target.close?.();
      }
    });
}
