import { readFileSync } from 'node:fs';
import { importPKCS8, importSPKI } from 'jose';
import type { PlatformConfig } from '../config/platform-config.js';
import { JwtSecretError, type JwtSecretOptions, loadOrCreateJwtSecret, readPrivateFile, readSecretFile } from './jwt-secret.js';
import type { TokenSettings } from './tokens.js';

export type TokenKeys = Pick<TokenSettings, 'secret' | 'publicKey' | 'privateKey' | 'algorithm' | 'sessionSecret'>;

const fromBase64url = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'));

function readPublicKey(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new JwtSecretError(`No JWT public key at ${file}`);
  }
}

async function importKey<T>(load: () => Promise<T>, what: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new JwtSecretError(`${what} is not a usable key for its algorithm: ${(error as Error).message}`);
  }
}

/**
 * The keys of this process, from configuration (docs/platform.md, "Keys"): HOURBANK_JWT_SECRET(_FILE), or the pair
 * HOURBANK_JWT_PUBLIC_KEY(_FILE) + HOURBANK_JWT_PRIVATE_KEY(_FILE); sessions use HOURBANK_SESSION_SECRET(_FILE), else
 * the bearer secret. What is not configured comes from `<dataDir>/jwt-secret`, which only development creates (the
 * configuration refuses a production-like host without configured keys). Files holding a secret or a private key
 * must be private (mode 0600): refused in production, warned about in development.
 */
export async function loadTokenKeys(config: PlatformConfig, options: Pick<JwtSecretOptions, 'logger'> = {}): Promise<TokenKeys> {
  const { signing, dataDir, productionLike } = config;
  const files: JwtSecretOptions = { productionLike, ...options };
  const dataDirSecret = () => loadOrCreateJwtSecret(dataDir, files);
  const configuredSession =
    signing.sessionSecret !== undefined ? fromBase64url(signing.sessionSecret)
    : signing.sessionSecretFile !== undefined ? readSecretFile(signing.sessionSecretFile, 'session secret', files)
    : undefined;
  const publicPem = signing.publicKeyPem ?? (signing.publicKeyFile !== undefined ? readPublicKey(signing.publicKeyFile) : undefined);
  if (publicPem !== undefined) {
    const privatePem = signing.privateKeyPem ?? (signing.privateKeyFile !== undefined ? readPrivateFile(signing.privateKeyFile, 'JWT private key', files) : undefined);
    const publicKey = await importKey(() => importSPKI(publicPem, signing.algorithm), `The ${signing.algorithm} public key`);
    const privateKey = privatePem === undefined ? undefined : await importKey(() => importPKCS8(privatePem, signing.algorithm), `The ${signing.algorithm} private key`);
    return { publicKey, ...(privateKey && { privateKey }), algorithm: signing.algorithm, sessionSecret: configuredSession ?? dataDirSecret() };
  }
  const secret =
    signing.secret !== undefined ? fromBase64url(signing.secret)
    : signing.secretFile !== undefined ? readSecretFile(signing.secretFile, 'JWT secret', files)
    : dataDirSecret();
  return { secret, sessionSecret: configuredSession ?? secret };
}
