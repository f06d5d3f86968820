import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignJWT } from 'jose';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateJwtSecret } from './jwt-secret.js';
import { InvalidTokenError, mintToken, verifyToken } from './tokens.js';
import { assertCanSeeAccount } from './account-access.js';
import type { Principal } from './principal.js';

describe('JWT secret and tokens', () => {
  let dataDir: string;
  before(() => (dataDir = mkdtempSync(join(tmpdir(), 'hourbank-secret-'))));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('creates 32 random bytes once, mode 0600, and reuses them', () => {
    const first = loadOrCreateJwtSecret(dataDir);
    const contents = readFileSync(join(dataDir, 'jwt-secret'), 'utf8');
    expect(first).to.have.length(32);
    expect(Buffer.from(loadOrCreateJwtSecret(dataDir)).equals(Buffer.from(first))).to.equal(true);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).to.equal(contents);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).to.equal(0o600);
  });

  it('round-trips a client token with its accounts', async () => {
    const settings = { secret: loadOrCreateJwtSecret(dataDir), issuer: 'hour-bank', audience: 'hour-bank' };
    const token = await mintToken(settings, { sub: 'acme', role: 'client', accounts: ['a1', 'a2'] });
    const principal = await verifyToken(settings, token);
    expect(principal).to.deep.include({ sub: 'acme', role: 'client', accounts: ['a1', 'a2'] });
    expect(principal.expiresAt).to.be.closeTo(Date.now() / 1000 + 8 * 3600, 5);
  });

  it('refuses a token it verified before once its expiry has passed (a verified token is remembered only until then)', async () => {
    const settings = { secret: loadOrCreateJwtSecret(dataDir), issuer: 'hour-bank', audience: 'hour-bank' };
    const exp = Math.floor(Date.now() / 1000) - 4; // inside the 5 s tolerance, for about one more second
    const token = await new SignJWT({ role: 'manager' }).setProtectedHeader({ alg: 'HS256' }).setSubject('m')
      .setIssuer('hour-bank').setAudience('hour-bank').setExpirationTime(exp).sign(settings.secret);
    expect(await verifyToken(settings, token)).to.deep.include({ sub: 'm', role: 'manager' });
    await sleep(Math.max(0, (exp + 5) * 1000 - Date.now()) + 50);
    const error = await verifyToken(settings, token).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidTokenError).with.property('message', 'The token has expired');
  });

  it('does not take a token verified under one secret for valid under another', async () => {
    const settings = { secret: loadOrCreateJwtSecret(dataDir), issuer: 'hour-bank', audience: 'hour-bank' };
    const token = await mintToken(settings, { sub: 'm', role: 'manager' });
    await verifyToken(settings, token);
    const error = await verifyToken({ ...settings, secret: new Uint8Array(32).fill(7) }, token).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidTokenError);
  });

  it('refuses a token from another issuer', async () => {
    const secret = loadOrCreateJwtSecret(dataDir);
    const token = await mintToken({ secret, issuer: 'elsewhere', audience: 'hour-bank' }, { sub: 'x', role: 'manager' });
    const error = await verifyToken({ secret, issuer: 'hour-bank', audience: 'hour-bank' }, token).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(InvalidTokenError);
  });
});

describe('assertCanSeeAccount', () => {
  const client: Principal = { sub: 'acme', role: 'client', accounts: ['a1'] };
  it('lets a client see its own account', () => expect(() => assertCanSeeAccount(client, 'a1')).not.to.throw());
  it('hides another account as not found', () => expect(() => assertCanSeeAccount(client, 'a2')).to.throw().with.property('code', 'ACCOUNT_NOT_FOUND'));
  it('lets staff see any account', () => expect(() => assertCanSeeAccount({ sub: 'm', role: 'manager', accounts: [] }, 'a2')).not.to.throw());
});
