import { join } from 'node:path';
import { openPool } from '#eventstore';
import type { AttachmentStoreSettings } from '#platform';
import type { AttachmentStore } from './attachment-store.js';
import { FilesystemAttachmentStore } from './filesystem-attachment-store.js';
import { PostgresAttachmentStore } from './postgres-attachment-store.js';
import { S3AttachmentStore } from './s3-attachment-store.js';

/** The store HOURBANK_ATTACHMENT_STORE names (by default PostgreSQL with HOURBANK_DATABASE_URL, else the data dir). */
export const openAttachmentStore = (settings: AttachmentStoreSettings, dataDir: string): AttachmentStore => {
  switch (settings.kind) {
    case 'postgres':
      return new PostgresAttachmentStore(openPool(settings.databaseUrl, { max: 4, applicationName: 'hour-bank attachments' }));
    case 's3':
      return new S3AttachmentStore(settings.s3);
    case 'data-dir':
      return new FilesystemAttachmentStore(join(dataDir, 'attachments'));
  }
};
