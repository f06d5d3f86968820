import { choiceVar, optionalVar, patternVar, textVar } from './env-vars.js';

/** Where the conversation's attachment bytes live (HOURBANK_ATTACHMENT_STORE and the HOURBANK_S3_* variables). */
export type AttachmentStoreSettings =
  | { readonly kind: 'data-dir' }
  | { readonly kind: 'postgres'; readonly databaseUrl: string }
  | { readonly kind: 's3'; readonly s3: S3Settings };

/** An S3-compatible bucket: AWS S3, or any server speaking its API at HOURBANK_S3_ENDPOINT. */
export interface S3Settings {
  readonly bucket: string;
  readonly region: string;
  /** Absent: AWS's own endpoint for the region. */
  readonly endpoint?: string;
  /** `bucket` in the path (`https://host/bucket/key`), as most self-hosted servers want; else in the host name. */
  readonly forcePathStyle: boolean;
  /** Put before every object key (e.g. `hour-bank/`). */
  readonly prefix: string;
  /** Absent: the SDK's default chain (AWS_ACCESS_KEY_ID…, a shared profile, an instance role). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export const ATTACHMENT_STORE_KINDS = ['data-dir', 'postgres', 's3'] as const;

export const ATTACHMENT_STORE_VARIABLES = {
  HOURBANK_ATTACHMENT_STORE: patternVar(/^(data-dir|postgres|s3)$/, `be one of ${ATTACHMENT_STORE_KINDS.join(', ')}`),
  HOURBANK_S3_BUCKET: patternVar(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'be an S3 bucket name (3–63 of a-z, 0-9, dot and hyphen)'),
  HOURBANK_S3_REGION: textVar('us-east-1'),
  HOURBANK_S3_ENDPOINT: patternVar(/^https?:\/\/[^/]+/, 'be an http(s) URL such as https://s3.example.com'),
  HOURBANK_S3_FORCE_PATH_STYLE: choiceVar(['true', 'false'], 'true'),
  HOURBANK_S3_PREFIX: patternVar(/^[A-Za-z0-9!_.*'()/-]{0,200}$/, 'hold only letters, digits and !_.*\'()/- (at most 200)'),
  HOURBANK_S3_ACCESS_KEY_ID: optionalVar(),
  HOURBANK_S3_SECRET_ACCESS_KEY: optionalVar(),
};

interface AttachmentValues {
  readonly HOURBANK_ATTACHMENT_STORE?: string;
  readonly HOURBANK_DATABASE_URL?: string;
  readonly HOURBANK_S3_BUCKET?: string;
  readonly HOURBANK_S3_REGION: string;
  readonly HOURBANK_S3_ENDPOINT?: string;
  readonly HOURBANK_S3_FORCE_PATH_STYLE: string;
  readonly HOURBANK_S3_PREFIX?: string;
  readonly HOURBANK_S3_ACCESS_KEY_ID?: string;
  readonly HOURBANK_S3_SECRET_ACCESS_KEY?: string;
}

type Env = Readonly<Record<string, string | undefined>>;
const set = (env: Env, name: string) => (env[name]?.trim() ?? '') !== '';

/** The store asked for must have what it needs; half a key pair is refused. */
export function attachmentStoreProblems(env: Env): string[] {
  const problems: string[] = [];
  const kind = env.HOURBANK_ATTACHMENT_STORE?.trim();
  if (kind === 'postgres' && !set(env, 'HOURBANK_DATABASE_URL')) problems.push('HOURBANK_ATTACHMENT_STORE=postgres needs HOURBANK_DATABASE_URL');
  if (kind === 's3' && !set(env, 'HOURBANK_S3_BUCKET')) problems.push('HOURBANK_ATTACHMENT_STORE=s3 needs HOURBANK_S3_BUCKET');
  if (set(env, 'HOURBANK_S3_ACCESS_KEY_ID') !== set(env, 'HOURBANK_S3_SECRET_ACCESS_KEY')) {
    problems.push('HOURBANK_S3_ACCESS_KEY_ID and HOURBANK_S3_SECRET_ACCESS_KEY are set together or not at all');
  }
  return problems;
}

/** Unset HOURBANK_ATTACHMENT_STORE: PostgreSQL when HOURBANK_DATABASE_URL is set (every replica sees every file), else the data dir. */
export function attachmentStoreOf(v: AttachmentValues): AttachmentStoreSettings {
  const kind = v.HOURBANK_ATTACHMENT_STORE ?? (v.HOURBANK_DATABASE_URL ? 'postgres' : 'data-dir');
  if (kind === 'postgres') return { kind, databaseUrl: v.HOURBANK_DATABASE_URL! };
  if (kind !== 's3') return { kind: 'data-dir' };
  return {
    kind,
    s3: {
      bucket: v.HOURBANK_S3_BUCKET!,
      region: v.HOURBANK_S3_REGION,
      ...(v.HOURBANK_S3_ENDPOINT !== undefined && { endpoint: v.HOURBANK_S3_ENDPOINT }),
      forcePathStyle: v.HOURBANK_S3_FORCE_PATH_STYLE === 'true',
      prefix: v.HOURBANK_S3_PREFIX ?? '',
      ...(v.HOURBANK_S3_ACCESS_KEY_ID !== undefined && {
        credentials: { accessKeyId: v.HOURBANK_S3_ACCESS_KEY_ID, secretAccessKey: v.HOURBANK_S3_SECRET_ACCESS_KEY! },
      }),
    },
  };
}
