import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Settings } from '#platform';

/** A running S3-compatible server for tests, with the settings to reach one bucket on it. */
export interface TestS3Server {
  readonly endpoint: string;
  settingsFor(bucket: string, prefix?: string): S3Settings;
  stop(): Promise<void>;
}

interface S3rverInstance {
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** Loaded by name at run time: a dev dependency that production code never reaches. */
const S3RVER = 's3rver';

/** s3rver's fixed key pair (it checks the signature's key id). */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * A real S3 REST server over HTTP on a free loopback port: the `s3rver` package (objects as files in a temporary
 * folder), with the buckets named created empty. It speaks the protocol the AWS SDK uses against any S3-compatible
 * store; it is not AWS S3 (docs/attachments.md says what it does not check).
 */
export async function startTestS3(buckets: readonly string[]): Promise<TestS3Server> {
  const { default: S3rver } = (await import(S3RVER)) as { default: S3rverClass };
  const directory = mkdtempSync(join(tmpdir(), 'hourbank-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    settingsFor: (bucket, prefix = '') => ({ bucket, region: 'us-east-1', endpoint, forcePathStyle: true, prefix, credentials: CREDENTIALS }),
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
