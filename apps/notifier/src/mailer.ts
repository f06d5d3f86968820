import nodemailer from 'nodemailer';
import type { SmtpSettings } from './notifier-config.js';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Stable per event, so a re-send after a crash carries the same Message-ID and mail clients fold it. */
  readonly messageId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly attachments?: readonly MailAttachment[];
}

export interface MailAttachment {
  readonly filename: string;
  readonly content: Buffer;
  readonly contentType: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export const messageIdFor = (eventId: string): string => `<${eventId}@notifier.hour-bank>`;

/** SMTP through nodemailer: one pooled connection, resolved only once the server accepted the message. */
export function smtpMailer(settings: SmtpSettings, from: string): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    pool: true,
    maxConnections: 1,
    ...(settings.user !== undefined && { auth: { user: settings.user, pass: settings.pass ?? '' } }),
    tls: { rejectUnauthorized: !['127.0.0.1', 'localhost'].includes(settings.host) },
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId,
        ...(mail.attachments && { attachments: mail.attachments.map((a) => ({ ...a })) }),
        headers: { 'X-HourBank-Event-Id': mail.eventId, 'X-HourBank-Event-Type': mail.eventType },
      });
    },
    close: () => transport.close(),
  };
}
