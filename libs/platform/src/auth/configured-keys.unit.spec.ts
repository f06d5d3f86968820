import { expect } from 'chai';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/platform-config.js';
import { JwtSecretError } from './jwt-secret.js';
import { loadTokenKeys } from './token-keys.js';
import { InvalidTokenError, mintToken, verifyToken } from './tokens.js';

const issuer = { issuer: 'hour-bank', audience: 'hour-bank' };
const pair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};

describe('token and session keys from configuration (shared by every replica)', () => {
  let dir: string;
  let dataDir: string;
  const keysOf = async (env: Record<string, string>) => ({ ...(await loadTokenKeys(loadConfig({ HOURBANK_DATA_DIR: dataDir, ...env }, dir))), ...issuer });
  const file = (name: string, text: string, mode = 0o600) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, mode);
    return path;
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hourbank-keys-'));
    dataDir = join(dir, 'data');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('HOURBANK_JWT_SECRET signs and verifies on any replica given the same value, and keys the sessions', async () => {
    const secret = randomBytes(32).toString('base64url');
    const replicaA = await keysOf({ HOURBANK_JWT_SECRET: secret });
    const replicaB = await keysOf({ HOURBANK_JWT_SECRET: secret });
    const token = await mintToken(replicaA, { sub: 'maria', role: 'manager' });
    expect(await verifyToken(replicaB, token)).to.deep.include({ sub: 'maria', role: 'manager', accounts: [] });
    expect(Buffer.from(replicaB.sessionSecret!).toString('base64url')).to.equal(secret);
    expect(existsSync(join(dataDir, 'jwt-secret')), 'no data dir secret made').to.equal(false);
  });

  it('HOURBANK_JWT_SECRET_FILE: read from a private file; an open one is refused in production and warned about in development', async () => {
    const secret = randomBytes(32).toString('base64url');
    const path = file('jwt', `${secret}\n`);
    const keys = await keysOf({ NODE_ENV: 'production', HOURBANK_JWT_SECRET_FILE: path });
    expect(Buffer.from(keys.secret!).toString('base64url')).to.equal(secret);
    chmodSync(path, 0o640);
    await keysOf({ NODE_ENV: 'production', HOURBANK_JWT_SECRET_FILE: path }).then(
      () => expect.fail('an open secret file was used in production'),
      (e: unknown) => expect(e).to.be.instanceOf(JwtSecretError).with.property('message', `${path} is accessible to other users (mode 0640): run chmod 600 ${path}`),
    );
    const warnings: string[] = [];
    const logger = { info: () => undefined, warn: (_: object, message: string) => void warnings.push(message) };
    await loadTokenKeys(loadConfig({ HOURBANK_DATA_DIR: dataDir, HOURBANK_JWT_SECRET_FILE: path }, dir), { logger });
    expect(warnings).to.deep.equal([`${path} is accessible to other users (mode 0640): run chmod 600 ${path}`]);
    await keysOf({ HOURBANK_JWT_SECRET_FILE: join(dir, 'missing') }).then(
      () => expect.fail('a missing secret file was accepted'),
      (e: unknown) => expect(e).to.be.instanceOf(JwtSecretError).with.property('message').that.matches(/^No JWT secret at /),
    );
  });

  it('an Ed25519 pair: the minter signs, replicas holding only the public key verify and cannot mint', async () => {
    const { publicPem, privatePem } = pair();
    const session = randomBytes(32).toString('base64url');
    const minter = await keysOf({ HOURBANK_JWT_PUBLIC_KEY: publicPem, HOURBANK_JWT_PRIVATE_KEY: privatePem, HOURBANK_SESSION_SECRET: session });
    const replica = await keysOf({ HOURBANK_JWT_PUBLIC_KEY: publicPem.replaceAll('\n', '\\n'), HOURBANK_SESSION_SECRET: session });
    const token = await mintToken(minter, { sub: 'bob', role: 'agent' });
    expect(await verifyToken(replica, token)).to.deep.include({ sub: 'bob', role: 'agent' });
    expect(() => mintToken(replica, { sub: 'x', role: 'manager' })).to.throw(InvalidTokenError);
    const hs = await mintToken({ secret: new Uint8Array(randomBytes(32)), ...issuer }, { sub: 'mallory', role: 'manager' });
    await verifyToken(replica, hs).then(() => expect.fail('an HS256 token passed'), (e: unknown) => expect(e).to.be.instanceOf(InvalidTokenError));
    expect(Buffer.from(replica.sessionSecret!).toString('base64url'), 'sessions keyed by the session secret on every replica').to.equal(session);
  });

  it('a key pair from files: the private key file must be private; sessions from a session secret file', async () => {
    const { publicPem, privatePem } = pair();
    const session = randomBytes(32).toString('base64url');
    const env = {
      NODE_ENV: 'production', HOURBANK_JWT_PUBLIC_KEY_FILE: file('jwt.pub', publicPem, 0o644), HOURBANK_JWT_PRIVATE_KEY_FILE: file('jwt.pem', privatePem),
      HOURBANK_SESSION_SECRET_FILE: file('session', session),
    };
    const keys = await keysOf(env);
    expect(await verifyToken(keys, await mintToken(keys, { sub: 'ana', role: 'manager' }))).to.deep.include({ sub: 'ana' });
    expect(Buffer.from(keys.sessionSecret!).toString('base64url')).to.equal(session);
    chmodSync(env.HOURBANK_JWT_PRIVATE_KEY_FILE, 0o604);
    await keysOf(env).then(
      () => expect.fail('a world-readable private key was used'),
      (e: unknown) => expect(e).to.be.instanceOf(JwtSecretError).with.property('message').that.contains('is accessible to other users (mode 0604)'),
    );
  });

  it('a key pair in development without a session secret keys sessions with the data dir secret', async () => {
    const { publicPem } = pair();
    const keys = await keysOf({ HOURBANK_JWT_PUBLIC_KEY: publicPem });
    expect(keys.secret).to.equal(undefined);
    expect(keys.sessionSecret).to.have.length(32);
    expect(existsSync(join(dataDir, 'jwt-secret'))).to.equal(true);
  });

  it('a public key that does not fit the algorithm stops the start with its reason', async () => {
    const { publicPem } = pair();
    await keysOf({ HOURBANK_JWT_PUBLIC_KEY: publicPem, HOURBANK_JWT_ALGORITHM: 'RS256' }).then(
      () => expect.fail('accepted'),
      (e: unknown) => expect(e).to.be.instanceOf(JwtSecretError).with.property('message').that.matches(/^The RS256 public key is not a usable key/),
    );
  });
});
