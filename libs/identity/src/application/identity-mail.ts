import nodemailer from 'nodemailer';
import type { Logger } from 'pino';

export interface IdentityMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** `notConfigured`: no SMTP server is set (development); the link is logged and shown to the inviting manager. */
export type MailDelivery = 'sent' | 'notConfigured' | 'failed';

export interface IdentityMailer {
  readonly configured: boolean;
  send(mail: IdentityMail): Promise<MailDelivery>;
  close(): void;
}

export const IDENTITY_MAILER = Symbol.for('hourbank.IdentityMailer');

export interface SmtpTarget {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string;
  readonly pass?: string;
}

const escapeHtml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const html = (text: string): string =>
  `<!doctype html><html lang="pt-BR"><body>${text.split('\n\n').map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>').replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`).join('')}</body></html>`;

/** Invitations and password resets go out from the API itself: their links hold secrets no event may carry. */
export function identityMailer(smtp: SmtpTarget | undefined, from: string, logger: Logger): IdentityMailer {
  if (!smtp) {
    return {
      configured: false,
      async send(mail) {
        logger.warn({ to: mail.to, subject: mail.subject }, `No SMTP server is configured (HOURBANK_SMTP_URL); this mail was not sent:\n${mail.text}`);
        return 'notConfigured';
      },
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport({
    host: smtp.host, port: smtp.port, secure: smtp.secure,
    ...(smtp.user !== undefined && { auth: { user: smtp.user, pass: smtp.pass ?? '' } }),
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost'].includes(smtp.host) },
  });
  return {
    configured: true,
    async send(mail) {
      try {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, html: html(mail.text) });
        return 'sent';
      } catch (error) {
        logger.error({ err: error, to: mail.to }, 'An identity e-mail could not be sent');
        return 'failed';
      }
    },
    close: () => transport.close(),
  };
}

const ROLE_NAMES: Readonly<Record<string, string>> = { client: 'cliente', agent: 'atendente', manager: 'gestor(a)', auditor: 'auditor(a)' };
const SIGNATURE = 'Equipe de Suporte — Banco de Horas';

export const invitationMail = (to: string, name: string, role: string, link: string, expiresAt: string): IdentityMail => ({
  to,
  subject: '[Banco de Horas] Seu convite de acesso',
  text: [
    `Olá, ${name}.`,
    `Você foi convidado(a) para o Banco de Horas como ${ROLE_NAMES[role] ?? role}. Para criar sua senha e entrar, abra o link abaixo:`,
    link,
    `O link vale uma única vez, até ${expiresAt} (UTC). Se não esperava este convite, ignore esta mensagem.`,
    SIGNATURE,
  ].join('\n\n'),
});

export const passwordResetMail = (to: string, name: string, link: string): IdentityMail => ({
  to,
  subject: '[Banco de Horas] Redefinição de senha',
  text: [
    `Olá, ${name}.`,
    'Recebemos um pedido para redefinir a sua senha. Para escolher uma nova, abra o link abaixo:',
    link,
    'O link vale uma única vez, por pouco tempo. Se não foi você, ignore esta mensagem: sua senha continua a mesma.',
    SIGNATURE,
  ].join('\n\n'),
});
