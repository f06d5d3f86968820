import { expect } from 'chai';
import { firstManagerLink } from '../../apps/api/src/identity/first-manager-link.js';
import { CookieSession } from './support/cookie-session.js';
import { openAccount, ticketBody } from './support/hour-bank-fixtures.js';
import type { ApiHarness } from './support/harness.js';
import { PASSWORD, identityHarness, inviteAndAccept, linkIn, tokenOf } from './support/identity-fixtures.js';
import type { SmtpSink } from '../reliability/notifier-support/smtp-sink.js';

const types = (events: { type: string }[]) => events.map((e) => e.type);

describe('Identity over HTTP: the first manager, invitations, sessions, CSRF, lockout, resets, API keys', () => {
  let ctx: { api: ApiHarness; smtp: SmtpSink; manager: CookieSession };
  let accountA: string;
  let accountB: string;

  before(async () => {
    ctx = await identityHarness({ HOURBANK_SIGNIN_MAX_FAILURES: '3' });
    const bearer = await ctx.api.as('manager', { sub: 'ops' });
    accountA = await openAccount(bearer, { clientName: 'Cliente A' });
    accountB = await openAccount(bearer, { clientName: 'Cliente B' });
  });
  after(async () => {
    await ctx.api.close();
    await ctx.smtp.close();
  });

  describe('on an installation whose first manager signed in with the printed link', () => {
    it('set an httpOnly, Secure, SameSite=Strict session cookie and answers who is signed in', async () => {
      expect(ctx.manager.lastSetCookie).to.match(/^hb_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/);
      const session = await ctx.manager.get('/auth/session');
      expect(session.status).to.equal(200);
      expect(session.body.user).to.include({ name: 'Maria Gestora', role: 'manager', via: 'session' });
      expect(session.body.csrfToken).to.be.a('string');
    });

    it('issues no new link and refuses to create a second first manager', async () => {
      expect(await firstManagerLink(ctx.api.app, Number(new URL(ctx.api.url).port))).to.equal(undefined);
      expect((await ctx.api.client.get('/auth/first-manager')).body).to.deep.equal({ pending: false });
      const again = await new CookieSession(ctx.api.client).post('/auth/first-manager', { token: 'installation.' + 'a'.repeat(43), name: 'X', email: 'x@y.test', password: PASSWORD });
      expect(again.body.code).to.equal('FIRST_MANAGER_ALREADY_CREATED');
    });
  });

  describe('a cookie-authenticated write', () => {
    it('without the CSRF token is refused with 403 and writes nothing', async () => {
      const refused = await ctx.manager.post('/accounts', { clientName: 'Sem CSRF', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 100 }, { csrf: false });
      expect(refused.status).to.equal(403);
      expect(refused.body.code).to.equal('CSRF_TOKEN_MISSING_OR_WRONG');
    });

    it('sent by another site is refused even with the token', async () => {
      const refused = await ctx.manager.request('POST', '/users', { body: { email: 'a@b.test', name: 'A', role: 'agent' }, headers: { 'sec-fetch-site': 'cross-site' } });
      expect(refused.body.code).to.equal('CROSS_SITE_REQUEST_REFUSED');
    });

    it('with the token goes through', async () => {
      const opened = await ctx.manager.post('/accounts', { clientName: 'Com CSRF', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 100 });
      expect(opened.status, opened.text).to.equal(201);
    });
  });

  describe('an invited client user, approver on A only', () => {
    let client: CookieSession;
    let userId: string;
    before(async () => {
      ({ session: client, userId } = await inviteAndAccept(ctx, {
        email: 'Joana@Cliente.test', name: 'Joana Cliente', role: 'client',
        grants: [{ accountId: accountA, mayApprove: true }, { accountId: accountB, mayApprove: false }],
      }));
    });

    it('got a mail in Portuguese whose one-time link cannot be used twice', async () => {
      const mail = ctx.smtp.received.find((m) => m.to.includes('joana@cliente.test'))!;
      expect(mail.subject).to.contain('convite');
      const again = await new CookieSession(ctx.api.client).post('/auth/invitations/accept', { token: tokenOf(linkIn(mail)), password: PASSWORD });
      expect(again.body.code).to.equal('INVITATION_NOT_VALID');
    });

    it('sees its accounts and no other', async () => {
      expect((await client.get(`/accounts/${accountA}`)).status).to.equal(200);
      expect((await client.get(`/accounts/${accountB}`)).status).to.equal(200);
      const bearer = await ctx.api.as('manager', { sub: 'ops' });
      const other = await openAccount(bearer, { clientName: 'Outro cliente' });
      expect((await client.get(`/accounts/${other}`)).body.code).to.equal('ACCOUNT_NOT_FOUND');
    });

    it('may approve estimates on A and is refused on B with NOT_AN_APPROVER', async () => {
      const agent = await ctx.api.as('agent', { sub: 'agent-1' });
      const estimateOver = async (accountId: string) => {
        const opened = await client.post('/tickets', ticketBody(accountId));
        expect(opened.status, opened.text).to.equal(201);
        const estimated = await agent.post(`/tickets/${opened.body.id}/estimate`, { minutes: 50_000, expectedDeliveryAt: '2099-01-05T18:00:00Z' });
        expect(estimated.status, estimated.text).to.equal(200);
        return opened.body.id as string;
      };
      const onA = await estimateOver(accountA);
      const onB = await estimateOver(accountB);
      expect((await client.post(`/tickets/${onA}/approval`, { decision: 'approve' })).status).to.equal(200);
      const refused = await client.post(`/tickets/${onB}/approval`, { decision: 'approve' });
      expect(refused.status).to.equal(403);
      expect(refused.body.code).to.equal('NOT_AN_APPROVER');
    });

    it('cannot list users, change roles or create keys', async () => {
      expect((await client.get('/users')).status).to.equal(403);
      expect((await client.post('/api-keys', { name: 'x', role: 'manager' })).status).to.equal(403);
    });

    it('is recorded in the audit trail: invited by the manager, accepted, signed in', async () => {
      const history = await ctx.manager.get(`/streams/user-${userId}/history`);
      expect(types(history.body.events)).to.deep.equal(['UserInvited', 'InvitationAccepted']);
      expect(history.body.events[0].data.tokenHash).to.equal('[redacted]');
      expect(history.body.events[1].data.passwordHash).to.equal('[redacted]');
      const manager = (await ctx.manager.get('/auth/session')).body.user.id;
      expect(history.body.events[0].metadata).to.include({ actor: manager, role: 'manager' });
      const signIns = await ctx.manager.get(`/streams/signin-${userId}/history`);
      expect(types(signIns.body.events)).to.deep.equal(['SignedIn']);
    });
  });

  describe('sign-in with a password', () => {
    let agent: { session: CookieSession; userId: string };
    before(async () => {
      agent = await inviteAndAccept(ctx, { email: 'ana@agencia.test', name: 'Ana Atendente', role: 'agent' });
    });

    it('signs in, records the attempt, and signs out so that the cookie stops working', async () => {
      const session = new CookieSession(ctx.api.client);
      expect((await session.post('/auth/sign-in', { email: 'ANA@agencia.test ', password: PASSWORD })).status).to.equal(200);
      const cookie = session.cookie;
      expect((await session.get('/tickets')).status).to.equal(200);
      expect((await session.post('/auth/sign-out')).status).to.equal(200);
      session.cookie = cookie;
      expect((await session.get('/tickets')).status).to.equal(401);
    });

    it('answers a wrong password and an unknown address alike, and records both', async () => {
      const wrong = await new CookieSession(ctx.api.client).post('/auth/sign-in', { email: 'ana@agencia.test', password: 'nao-e-esta-senha' });
      const unknown = await new CookieSession(ctx.api.client).post('/auth/sign-in', { email: 'ninguem@agencia.test', password: 'nao-e-esta-senha' });
      expect([wrong.status, wrong.body.code, wrong.body.detail]).to.deep.equal([401, 'SIGN_IN_FAILED', unknown.body.detail]);
      expect(unknown.status).to.equal(401);
      const attempts = await ctx.manager.get(`/streams/signin-${agent.userId}/history`);
      expect(attempts.body.events.at(-1)).to.nested.include({ type: 'SignInFailed', 'data.reason': 'wrong_password', 'data.failuresInARow': 1 });
      const unknownAttempts = await ctx.manager.get('/streams/signin-unknown/history');
      expect(unknownAttempts.body.events.at(-1)).to.nested.include({ 'data.reason': 'unknown_email', 'data.email': 'ninguem@agencia.test' });
    });

    it('locks the user out after 3 wrong passwords in a row: then even the right one fails', async () => {
      for (let i = 0; i < 2; i++) await new CookieSession(ctx.api.client).post('/auth/sign-in', { email: 'ana@agencia.test', password: 'errada-errada' });
      const locked = await new CookieSession(ctx.api.client).post('/auth/sign-in', { email: 'ana@agencia.test', password: PASSWORD });
      expect(locked.status).to.equal(429);
      expect(locked.body.code).to.equal('SIGN_IN_LOCKED');
      const attempts = await ctx.manager.get(`/streams/signin-${agent.userId}/history`);
      expect(attempts.body.events.slice(-2).map((e: { data: { reason: string } }) => e.data.reason)).to.deep.equal(['wrong_password', 'locked']);
      const users = await ctx.manager.get('/users?role=agent');
      expect(users.body.items.find((u: { userId: string }) => u.userId === agent.userId).lockedUntil).to.be.a('string');
    });

    it('resets the password through the mailed link: the old sessions end, the new password works', async () => {
      const joana = new CookieSession(ctx.api.client);
      expect((await joana.post('/auth/sign-in', { email: 'joana@cliente.test', password: PASSWORD })).status).to.equal(200);
      const before = ctx.smtp.received.length;
      expect((await ctx.api.client.post('/auth/password-resets', { email: 'joana@cliente.test' })).status).to.equal(202);
      expect((await ctx.api.client.post('/auth/password-resets', { email: 'nobody@cliente.test' })).status).to.equal(202);
      const mail = (await ctx.smtp.waitFor(before + 1))[before]!;
      expect(mail.subject).to.contain('Redefinição');
      const reset = await ctx.api.client.post('/auth/password-resets/complete', { token: tokenOf(linkIn(mail)), password: 'uma-senha-nova-456' });
      expect(reset.status, reset.text).to.equal(200);
      expect((await joana.get('/tickets')).status).to.equal(401);
      expect((await new CookieSession(ctx.api.client).post('/auth/sign-in', { email: 'joana@cliente.test', password: PASSWORD })).status).to.equal(401);
      expect((await new CookieSession(ctx.api.client).post('/auth/sign-in', { email: 'joana@cliente.test', password: 'uma-senha-nova-456' })).status).to.equal(200);
    });

    it('refuses a short password with PASSWORD_TOO_WEAK', async () => {
      const invited = await ctx.manager.post('/users', { email: 'curta@agencia.test', name: 'Curta', role: 'auditor' });
      const mail = (await ctx.smtp.waitFor(ctx.smtp.received.length))[ctx.smtp.received.length - 1]!;
      expect(invited.status).to.equal(201);
      const refused = await new CookieSession(ctx.api.client).post('/auth/invitations/accept', { token: tokenOf(linkIn(mail)), password: 'curta' });
      expect(refused.body.code).to.equal('PASSWORD_TOO_WEAK');
    });
  });

  describe('a manager changing other users', () => {
    it('records a role change, and a deactivation ends the user\'s sessions at once', async () => {
      const { session, userId } = await inviteAndAccept(ctx, { email: 'bruno@agencia.test', name: 'Bruno', role: 'agent' });
      expect((await ctx.manager.put(`/users/${userId}/role`, { role: 'auditor' })).status).to.equal(200);
      expect((await session.get('/auth/session')).body.user.role).to.equal('auditor');
      expect((await ctx.manager.post(`/users/${userId}/deactivation`, { reason: 'Saiu da empresa' })).status).to.equal(200);
      expect((await session.get('/auth/session')).status).to.equal(401);
      const history = await ctx.manager.get(`/streams/user-${userId}/history`);
      expect(types(history.body.events).slice(-2)).to.deep.equal(['UserRoleChanged', 'UserDeactivated']);
    });

    it('may not change its own role', async () => {
      const me = (await ctx.manager.get('/auth/session')).body.user.id;
      expect((await ctx.manager.put(`/users/${me}/role`, { role: 'agent' })).body.code).to.equal('MAY_NOT_CHANGE_OWN_ROLE');
    });

    it('cannot invite two users with one address', async () => {
      const again = await ctx.manager.post('/users', { email: 'ana@agencia.test', name: 'Outra Ana', role: 'agent' });
      expect(again.body.code).to.equal('EMAIL_ALREADY_IN_USE');
    });
  });

  describe('API keys for machines', () => {
    it('work as bearer tokens until revoked, and are listed without their secret', async () => {
      const created = await ctx.manager.post('/api-keys', { name: 'notificador', role: 'auditor' });
      expect(created.status, created.text).to.equal(201);
      const machine = ctx.api.client.as(created.body.token);
      expect((await machine.get('/tickets')).status).to.equal(200);
      expect((await machine.post('/accounts', {})).status).to.equal(403);
      const listed = await ctx.manager.get('/api-keys');
      expect(JSON.stringify(listed.body)).not.to.contain(created.body.token.slice(-20));
      expect((await ctx.manager.post(`/api-keys/${created.body.id}/revocation`, { reason: 'trocada' })).status).to.equal(200);
      expect((await machine.get('/tickets')).status).to.equal(401);
    });
  });
});
