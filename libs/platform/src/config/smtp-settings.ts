import { choiceVar, integerVar, optionalVar, patternVar, textVar } from './env-vars.js';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string;
  readonly pass?: string;
}

/** The SMTP variables, shared by the API's schema (invitations, resets) and the notifier's. */
export const SMTP_VARIABLES = {
  HOURBANK_SMTP_URL: patternVar(/^smtps?:\/\/[^/]/, 'look like smtp://user:pass@host:587 or smtps://host:465', { secret: true }),
  HOURBANK_SMTP_HOST: optionalVar(),
  HOURBANK_SMTP_PORT: integerVar(587, 1, 65535),
  HOURBANK_SMTP_SECURE: choiceVar(['true', 'false'], 'false'),
  HOURBANK_SMTP_USER: optionalVar(),
  HOURBANK_SMTP_PASS: optionalVar(),
  HOURBANK_SMTP_FROM: textVar('Hour Bank <nao-responda@hourbank.local>'),
};

interface SmtpValues {
  readonly HOURBANK_SMTP_URL?: string;
  readonly HOURBANK_SMTP_HOST?: string;
  readonly HOURBANK_SMTP_PORT: number;
  readonly HOURBANK_SMTP_SECURE: string;
  readonly HOURBANK_SMTP_USER?: string;
  readonly HOURBANK_SMTP_PASS?: string;
}

/** Whether an SMTP server is named at all (HOURBANK_SMTP_URL or HOURBANK_SMTP_HOST). */
export const smtpConfigured = (v: SmtpValues): boolean => v.HOURBANK_SMTP_URL !== undefined || v.HOURBANK_SMTP_HOST !== undefined;

/** HOURBANK_SMTP_URL (`smtp://user:pass@host:587`, `smtps://host:465`) or HOURBANK_SMTP_HOST/PORT/SECURE/USER/PASS. */
export function smtpSettingsOf(v: SmtpValues): SmtpSettings {
  if (v.HOURBANK_SMTP_URL) {
    const parsed = new URL(v.HOURBANK_SMTP_URL);
    const secure = parsed.protocol === 'smtps:';
    return {
      host: parsed.hostname, port: Number(parsed.port || (secure ? 465 : 587)), secure,
      ...(parsed.username && { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }),
    };
  }
  return {
    host: v.HOURBANK_SMTP_HOST ?? 'localhost', port: v.HOURBANK_SMTP_PORT, secure: v.HOURBANK_SMTP_SECURE === 'true',
    ...(v.HOURBANK_SMTP_USER && { user: v.HOURBANK_SMTP_USER, pass: v.HOURBANK_SMTP_PASS ?? '' }),
  };
}
