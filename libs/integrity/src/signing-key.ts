import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Ed25519 key the log notary signs its checkpoints with, and how others name and check it. */
export interface LogSigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as base64 of its SubjectPublicKeyInfo DER: what checkpoints carry and auditors keep. */
  readonly publicKeyBase64: string;
  /** The first 16 hex digits of the SHA-256 of that DER. */
  readonly keyId: string;
}

export const LOG_SIGNING_KEY_FILE = 'log-signing-key.pem';

export const keyIdOf = (publicKeyDer: Buffer): string => createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 16);

/** A public key given as base64 DER (what checkpoints carry) or as PEM. */
export function parsePublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----')
    ? createPublicKey(trimmed)
    : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`The public key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}

export const publicKeyBase64 = (key: KeyObject): string => key.export({ format: 'der', type: 'spki' }).toString('base64');

/** A PKCS#8 PEM Ed25519 private key (`\n` written as two characters, as environment variables often carry it, is accepted). */
export function parseSigningKey(pem: string): LogSigningKey {
  const privateKey = createPrivateKey(pem.includes('\\n') ? pem.replaceAll('\\n', '\n') : pem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`HOURBANK_LOG_SIGNING_KEY must be an Ed25519 private key, got ${privateKey.asymmetricKeyType}`);
  }
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey, publicKeyBase64: der.toString('base64'), keyId: keyIdOf(der) };
}

export const generateSigningKeyPem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

export interface SigningKeySource {
  /** HOURBANK_LOG_SIGNING_KEY: the PEM itself. */
  readonly key?: string;
  /** HOURBANK_LOG_SIGNING_KEY_FILE: a file holding it. */
  readonly keyFile?: string;
  readonly dataDir: string;
}

/**
 * The configured key (inline, or in a file); without one, `<dataDir>/log-signing-key.pem`, created on first use
 * (mode 0600; `wx` makes two processes starting together agree on one key). A deployment on several hosts
 * configures one key so that every worker signs alike.
 */
export function loadLogSigningKey(source: SigningKeySource): LogSigningKey {
  if (source.key) return parseSigningKey(source.key);
  if (source.keyFile) return parseSigningKey(readFileSync(source.keyFile, 'utf8'));
  mkdirSync(source.dataDir, { recursive: true });
  const file = join(source.dataDir, LOG_SIGNING_KEY_FILE);
  try {
    writeFileSync(file, generateSigningKeyPem(), { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseSigningKey(readFileSync(file, 'utf8'));
}
