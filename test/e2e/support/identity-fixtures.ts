import { expect } from 'chai';
import { firstManagerLink } from '../../../apps/api/src/identity/first-manager-link.js';
import { SmtpSink, type ReceivedMail } from '../../reliability/notifier-support/smtp-sink.js';
import { CookieSession } from './cookie-session.js';
import { ApiHarness } from './harness.js';

export const PASSWORD = 'senha-forte-123';

/** An API with a real SMTP server behind it, and its first manager signed in through the printed link. */
export async function identityHarness(env: Record<string, string> = {}): Promise<{ api: ApiHarness; smtp: SmtpSink; manager: CookieSession }> {
  const smtp = await SmtpSink.start();
  const api = await ApiHarness.start({ env: { HOURBANK_SMTP_URL: smtp.url, HOURBANK_SIGNIN_THROTTLE_PER_MINUTE: '1000', ...env } });
  const link = await firstManagerLink(api.app, Number(new URL(api.url).port));
  const manager = new CookieSession(api.client);
  const created = await manager.post('/auth/first-manager', { token: tokenOf(link!), name: 'Maria Gestora', email: 'maria@agencia.test', password: PASSWORD });
  expect(created.status, created.text).to.equal(200);
  return { api, smtp, manager };
}

export const tokenOf = (link: string): string => link.slice(link.indexOf('#') + 1);

export const linkIn = (mail: ReceivedMail): string => {
  const match = /(https?:\/\/\S+#\S+)/.exec(mail.text);
  if (!match) throw new Error(`No link in: ${mail.text}`);
  return match[1]!;
};

/** Invites, reads the link from the mail the SMTP server received, accepts it: a signed-in session of the new user. */
export async function inviteAndAccept(
  ctx: { api: ApiHarness; smtp: SmtpSink; manager: CookieSession },
  invitation: Record<string, unknown>,
): Promise<{ session: CookieSession; userId: string }> {
  const before = ctx.smtp.received.length;
  const invited = await ctx.manager.post('/users', invitation);
  expect(invited.status, invited.text).to.equal(201);
  expect(invited.body.mail).to.equal('sent');
  const mail = (await ctx.smtp.waitFor(before + 1))[before]!;
  const session = new CookieSession(ctx.api.client);
  const accepted = await session.post('/auth/invitations/accept', { token: tokenOf(linkIn(mail)), password: PASSWORD });
  expect(accepted.status, accepted.text).to.equal(200);
  return { session, userId: invited.body.id };
}
