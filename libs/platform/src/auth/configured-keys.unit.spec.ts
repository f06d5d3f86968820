import { expect } from 'chai';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../config/platform-config.js';
import { InvalidTokenError, mintToken, tokenKeys, verifyToken } from './tokens.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env, '/srv');
    return [];
  } catch (error) {
    return (error as ConfigError).problems;
  }
};
const noFile = () => {
  throw new Error('the data dir secret must not be read when keys are configured');
};

describe('token keys from configuration (shared by every replica)', () => {
  const issuer = { issuer: 'hour-bank', audience: 'hour-bank' };

  it('HOURBANK_JWT_SECRET signs and verifies on any replica given the same value', async () => {
    const secret = randomBytes(32).toString('base64url');
    const replicaA = { ...(await tokenKeys(loadConfig({ HOURBANK_JWT_SECRET: secret }).signing, noFile)), ...issuer };
    const replicaB = { ...(await tokenKeys(loadConfig({ HOURBANK_JWT_SECRET: secret }).signing, noFile)), ...issuer };
    const token = await mintToken(replicaA, { sub: 'maria', role: 'manager' });
    expect(await verifyToken(replicaB, token)).to.deep.equal({ sub: 'maria', role: 'manager', accounts: [] });
  });

  it('an Ed25519 pair: the minter signs, replicas holding only the public key verify and cannot mint', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const minter = { ...(await tokenKeys(loadConfig({ HOURBANK_JWT_PUBLIC_KEY: publicPem, HOURBANK_JWT_PRIVATE_KEY: privatePem }).signing, noFile)), ...issuer };
    const replica = { ...(await tokenKeys(loadConfig({ HOURBANK_JWT_PUBLIC_KEY: publicPem.replaceAll('\n', '\\n') }).signing, noFile)), ...issuer };
    const token = await mintToken(minter, { sub: 'bob', role: 'agent' });
    expect(await verifyToken(replica, token)).to.deep.include({ sub: 'bob', role: 'agent' });
    expect(() => mintToken(replica, { sub: 'x', role: 'manager' })).to.throw(InvalidTokenError);
    const hs = await mintToken({ secret: new Uint8Array(randomBytes(32)), ...issuer }, { sub: 'mallory', role: 'manager' });
    await verifyToken(replica, hs).then(() => expect.fail('an HS256 token passed'), (e: unknown) => expect(e).to.be.instanceOf(InvalidTokenError));
  });

  it('production refuses to start without configured keys, and a short secret anywhere', () => {
    expect(problems({ NODE_ENV: 'production' })).to.have.length(1).and.match(/HOURBANK_JWT_SECRET or HOURBANK_JWT_PUBLIC_KEY/);
    expect(problems({ NODE_ENV: 'production', HOURBANK_JWT_SECRET: randomBytes(32).toString('base64url') })).to.deep.equal([]);
    expect(problems({ HOURBANK_JWT_SECRET: 'c2hvcnQ' })).to.have.length(1);
  });
});
