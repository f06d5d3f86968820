export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string;
  readonly pass?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
};

/** Whether an SMTP server is named at all (HOURBANK_SMTP_URL or HOURBANK_SMTP_HOST). */
export const smtpConfigured = (env: Env): boolean => value(env, 'HOURBANK_SMTP_URL') !== undefined || value(env, 'HOURBANK_SMTP_HOST') !== undefined;

/** HOURBANK_SMTP_URL (`smtp://user:pass@host:587`, `smtps://host:465`) or HOURBANK_SMTP_HOST/PORT/SECURE/USER/PASS. */
export function readSmtpSettings(env: Env, problems: string[]): SmtpSettings {
  const url = value(env, 'HOURBANK_SMTP_URL');
  if (url) {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol)) {
      problems.push('HOURBANK_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465');
      return { host: 'localhost', port: 25, secure: false };
    }
    const secure = parsed.protocol === 'smtps:';
    return {
      host: parsed.hostname, port: Number(parsed.port || (secure ? 465 : 587)), secure,
      ...(parsed.username && { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }),
    };
  }
  const user = value(env, 'HOURBANK_SMTP_USER');
  const pass = value(env, 'HOURBANK_SMTP_PASS');
  return {
    host: value(env, 'HOURBANK_SMTP_HOST') ?? 'localhost',
    port: Number(value(env, 'HOURBANK_SMTP_PORT') ?? 587),
    secure: value(env, 'HOURBANK_SMTP_SECURE') === 'true',
    ...(user && { user, pass: pass ?? '' }),
  };
}
