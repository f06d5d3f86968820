import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPool } from '#eventstore';
import { type PostgresServer, createTestDatabase, startEmbeddedPostgres, startTestS3 } from '#testing';
import { type AttachmentStore, FilesystemAttachmentStore, PostgresAttachmentStore, S3AttachmentStore } from '#ticketing';
import { envInt, median } from './bench-kit.js';

interface Side {
  readonly name: string;
  readonly store: AttachmentStore;
}

/** Median seconds of `files` puts of new content, then of `files` gets of it, over `rounds` rounds. */
async function measure(store: AttachmentStore, bytes: number, files: number, rounds: number): Promise<{ put: number; get: number }> {
  const puts: number[] = [];
  const gets: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const contents = Array.from({ length: files }, () => randomBytes(bytes));
    let started = process.hrtime.bigint();
    const ids: string[] = [];
    for (const content of contents) ids.push((await store.put(content)).attachmentId);
    puts.push(Number(process.hrtime.bigint() - started) / 1e9);
    started = process.hrtime.bigint();
    for (const id of ids) await store.get(id);
    gets.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { put: median(puts), get: median(gets) };
}

/**
 * `BENCH_ONLY=attachments`: the attachment stores side by side, the data dir as the baseline: MiB/s of puts of new
 * files and of gets (the SHA-256 checked) at three sizes. PostgreSQL with its durable defaults (or
 * BENCH_DATABASE_URL), S3 on s3rver (a test server, objects as local files: its figure says little about a real one).
 */
export async function runAttachmentsBench(): Promise<void> {
  const files = envInt('BENCH_ATTACHMENT_FILES', 10);
  const rounds = envInt('BENCH_ROUNDS', 3);
  const configured = process.env.BENCH_DATABASE_URL?.trim();
  const server: PostgresServer = configured ? { adminUrl: configured, stop: async () => undefined } : await startEmbeddedPostgres({ durable: true });
  const database = await createTestDatabase('hbbenchfiles', server);
  const s3 = await startTestS3(['hourbank-bench']);
  const root = mkdtempSync(join(tmpdir(), 'hourbank-bench-files-'));
  const sides: Side[] = [
    { name: 'data dir', store: new FilesystemAttachmentStore(root) },
    { name: 'PostgreSQL', store: new PostgresAttachmentStore(openPool(database.url, { max: 4 })) },
    { name: 's3rver', store: new S3AttachmentStore(s3.settingsFor('hourbank-bench')) },
  ];
  try {
    console.log(`\nattachment stores: ${files} files a round, medians of ${rounds} rounds, MiB/s (ratio to the data dir)`);
    for (const bytes of [100 * 1024, 1024 * 1024, 10 * 1024 * 1024]) {
      const results = [];
      for (const side of sides) results.push({ side, ...(await measure(side.store, bytes, files, rounds)) });
      const mib = (seconds: number) => (bytes * files) / (1024 * 1024) / seconds;
      const [baseline] = results;
      for (const { side, put, get } of results) {
        const ratio = (seconds: number, base: number) => (base / seconds).toFixed(2);
        console.log(`  ${String(bytes / 1024).padStart(6)} KiB  ${side.name.padEnd(11)} put ${mib(put).toFixed(1).padStart(7)} MiB/s (${ratio(put, baseline!.put)})   get ${mib(get).toFixed(1).padStart(7)} MiB/s (${ratio(get, baseline!.get)})`);
      }
    }
  } finally {
    for (const side of sides) await side.store.close?.();
    await s3.stop();
    await database.drop();
    await server.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
