import { expect } from 'chai';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstManagerLink } from '../../apps/api/src/identity/first-manager-link.js';
import { createTestDatabase } from '#testing';
import { CookieSession } from './support/cookie-session.js';
import { ApiHarness } from './support/harness.js';
import { PASSWORD, tokenOf } from './support/identity-fixtures.js';

const secret = () => randomBytes(32).toString('base64url');
const keyPair = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
};

/** The first manager signs in through the printed link: a cookie session with its CSRF token. */
async function signInFirstManager(api: ApiHarness): Promise<CookieSession> {
  const link = await firstManagerLink(api.app, Number(new URL(api.url).port));
  const session = new CookieSession(api.client);
  const created = await session.post('/auth/first-manager', { token: tokenOf(link!), name: 'Maria Gestora', email: 'maria@agencia.test', password: PASSWORD });
  expect(created.status, created.text).to.equal(200);
  return session;
}

/** A cookie write (CSRF token included) and a bearer request: what the web app and a script do. */
async function expectSessionsAndTokensWork(api: ApiHarness, session: CookieSession): Promise<void> {
  expect((await session.get('/auth/session')).body.user).to.include({ name: 'Maria Gestora', role: 'manager', via: 'session' });
  const opened = await session.post('/accounts', { clientName: 'Com sessão', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 100 });
  expect(opened.status, opened.text).to.equal(201);
  expect((await session.post('/accounts', { clientName: 'Sem CSRF', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 100 }, { csrf: false })).status).to.equal(403);
  const bearer = await api.as('manager', { sub: 'script' });
  expect((await bearer.get(`/accounts/${opened.body.id}`)).status).to.equal(200);
  expect((await session.post('/auth/sign-out')).status).to.equal(200);
  expect((await session.get('/auth/session')).status).to.equal(401);
}

/*
 * Issue 14 with issue 11: cookie sessions and CSRF tokens are HMACs, so with a key pair (bearer tokens only) they
 * need a key of their own. Every supported key configuration signs people in, and across replicas a session signed
 * in on one is valid on another that holds only the public key.
 */
describe('sign-in works with every supported key configuration', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), 'hourbank-session-keys-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    chmodSync(path, 0o600);
    return path;
  };

  const configurations: [string, () => Record<string, string>][] = [
    ['HOURBANK_JWT_SECRET (sessions keyed by it)', () => ({ HOURBANK_JWT_SECRET: secret() })],
    ['HOURBANK_JWT_SECRET_FILE', () => ({ HOURBANK_JWT_SECRET_FILE: file(`jwt-${randomBytes(4).toString('hex')}`, secret()) })],
    ['a key pair and HOURBANK_SESSION_SECRET', () => {
      const { publicPem, privatePem } = keyPair();
      return { HOURBANK_JWT_PUBLIC_KEY: publicPem, HOURBANK_JWT_PRIVATE_KEY: privatePem, HOURBANK_SESSION_SECRET: secret() };
    }],
    ['a key pair from files and HOURBANK_SESSION_SECRET_FILE', () => {
      const { publicPem, privatePem } = keyPair();
      const tag = randomBytes(4).toString('hex');
      return { HOURBANK_JWT_PUBLIC_KEY_FILE: file(`pub-${tag}`, publicPem), HOURBANK_JWT_PRIVATE_KEY_FILE: file(`key-${tag}`, privatePem), HOURBANK_SESSION_SECRET_FILE: file(`ses-${tag}`, secret()) };
    }],
    ['a key pair alone, in development (sessions keyed by the data dir secret)', () => {
      const { publicPem, privatePem } = keyPair();
      return { HOURBANK_JWT_PUBLIC_KEY: publicPem, HOURBANK_JWT_PRIVATE_KEY: privatePem };
    }],
  ];

  for (const [name, env] of configurations) {
    it(name, async () => {
      const api = await ApiHarness.start({ env: { HOURBANK_SIGNIN_THROTTLE_PER_MINUTE: '1000', ...env() } });
      try {
        await expectSessionsAndTokensWork(api, await signInFirstManager(api));
      } finally {
        await api.close();
      }
    });
  }

  it('two replicas on PostgreSQL: a session signed in on the minting replica works on one holding only the public key', async () => {
    const database = await createTestDatabase('hbsessions');
    const { publicPem, privatePem } = keyPair();
    const shared = { HOURBANK_DATABASE_URL: database.url, HOURBANK_JWT_PUBLIC_KEY: publicPem, HOURBANK_SESSION_SECRET: secret(), HOURBANK_SIGNIN_THROTTLE_PER_MINUTE: '1000' };
    const minting = await ApiHarness.start({ eventStoreConnectionString: database.url, env: { ...shared, HOURBANK_JWT_PRIVATE_KEY: privatePem } });
    const verifying = await ApiHarness.start({ eventStoreConnectionString: database.url, env: { ...shared, HOURBANK_WORKER: 'off' } });
    try {
      const onMinting = await signInFirstManager(minting);
      const onVerifying = new CookieSession(verifying.client);
      Object.assign(onVerifying, { cookie: onMinting.cookie, csrfToken: onMinting.csrfToken });
      expect((await onVerifying.get('/auth/session')).body.user).to.include({ name: 'Maria Gestora', role: 'manager' });
      expect((await onVerifying.post('/accounts', { clientName: 'Na outra réplica', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 100 })).status).to.equal(201);
      const token = await minting.token('manager', { sub: 'script' });
      expect((await verifying.client.as(token).get('/admin/projections')).status).to.equal(200);
      expect(() => verifying.token('manager'), 'the verifying replica holds no private key').to.throw(/only the public key/);
    } finally {
      await verifying.close();
      await minting.close();
      await database.drop();
    }
  });
});
