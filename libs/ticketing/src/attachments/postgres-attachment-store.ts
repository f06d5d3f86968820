import { type PgMigration, type PgPool, migratePostgres } from '#eventstore';
import { inTransaction } from '#projections';
import { type AttachmentStore, type StoredAttachment, attachmentIdOf, isAttachmentId, verified } from './attachment-store.js';

/** Rows of at most 1 MiB: no statement carries or returns a whole 100 MiB file as one value. */
export const POSTGRES_ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

const MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'attachments by SHA-256, their bytes in chunks',
    sql: `CREATE TABLE attachments (
        attachment_id text PRIMARY KEY CHECK (attachment_id ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL CHECK (size > 0),
        chunks integer NOT NULL CHECK (chunks > 0),
        stored_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE attachment_chunks (
        attachment_id text NOT NULL REFERENCES attachments (attachment_id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq >= 0),
        bytes bytea NOT NULL,
        PRIMARY KEY (attachment_id, seq));
      -- Screenshots, PDFs and office files are compressed already: stored out of line without another try.
      ALTER TABLE attachment_chunks ALTER COLUMN bytes SET STORAGE EXTERNAL`,
  },
];

/**
 * The server deployment's attachments (HOURBANK_DATABASE_URL): every API replica reads what any other stored. One
 * row per content in `attachments`, its bytes in `attachment_chunks`, written in one transaction: a file is there
 * whole or not at all. Two replicas storing the same file at once: the second waits on the first's key and does
 * nothing (or writes it, had the first rolled back).
 */
export class PostgresAttachmentStore implements AttachmentStore {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly pool: PgPool,
    private readonly chunkBytes = POSTGRES_ATTACHMENT_CHUNK_BYTES,
  ) {}

  private schema(): Promise<void> {
    this.ready ??= migratePostgres(this.pool, 'attachment_store_migrations', MIGRATIONS).catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }

  async put(content: Buffer): Promise<{ attachmentId: string; size: number }> {
    await this.schema();
    const attachmentId = attachmentIdOf(content);
    const stored = await this.pool.query('SELECT 1 FROM attachments WHERE attachment_id = $1', [attachmentId]);
    if (stored.rowCount === 0) await this.write(attachmentId, content);
    return { attachmentId, size: content.length };
  }

  private async write(attachmentId: string, content: Buffer): Promise<void> {
    const chunks = Math.max(1, Math.ceil(content.length / this.chunkBytes));
    await inTransaction(this.pool, async (client) => {
      const claimed = await client.query(
        'INSERT INTO attachments (attachment_id, size, chunks) VALUES ($1, $2, $3) ON CONFLICT (attachment_id) DO NOTHING',
        [attachmentId, content.length, chunks],
      );
      if (claimed.rowCount !== 1) return;
      for (let seq = 0; seq < chunks; seq++) {
        const bytes = content.subarray(seq * this.chunkBytes, (seq + 1) * this.chunkBytes);
        await client.query('INSERT INTO attachment_chunks (attachment_id, seq, bytes) VALUES ($1, $2, $3)', [attachmentId, seq, bytes]);
      }
    });
  }

  async get(attachmentId: string): Promise<StoredAttachment | undefined> {
    if (!isAttachmentId(attachmentId)) return undefined;
    await this.schema();
    const head = await this.pool.query<{ size: number; chunks: number }>('SELECT size, chunks FROM attachments WHERE attachment_id = $1', [attachmentId]);
    const row = head.rows[0];
    if (!row) return undefined;
    const parts: Buffer[] = [];
    for (let seq = 0; seq < row.chunks; seq++) {
      // One chunk per query: at most a chunk (and its text form) is in flight, whatever the file's size.
      const chunk = await this.pool.query<{ bytes: Buffer }>('SELECT bytes FROM attachment_chunks WHERE attachment_id = $1 AND seq = $2', [attachmentId, seq]);
      parts.push(chunk.rows[0]?.bytes ?? Buffer.alloc(0));
    }
    return verified(attachmentId, Buffer.concat(parts, row.size));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** An API migrates at start: a database it cannot use stops it there, not at the first upload. */
  onModuleInit(): Promise<void> {
    return this.schema();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
