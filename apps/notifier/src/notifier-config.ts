import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { choiceVar, integerVar, optionalVar, parseEnv, patternVar, textVar, urlVar } from '#platform';

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string;
  readonly pass?: string;
}

/** Where a notifier without a checkpoint begins: the head of the feed (nothing old is mailed), its start, or after a position. */
export type NotifierStart = 'head' | 'start' | number;

export interface NotifierConfig {
  /** Base URL of the Hour Bank API whose `GET /feed` the notifier follows. */
  readonly feedUrl: string;
  /** A staff bearer token (an auditor token is enough: it reads everything, changes nothing). */
  readonly token: string;
  readonly smtp: SmtpSettings;
  readonly from: string;
  readonly databaseFile: string;
  /** Account id → the client's contact e-mail address. */
  readonly contacts: Readonly<Record<string, string>>;
  readonly pollMs: number;
  readonly pageSize: number;
  readonly start: NotifierStart;
  readonly autoCloseBusinessDays: number;
  readonly logLevel: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The notifier's variables: the same kind of schema as the API's (one helper set, every problem at once). */
const VARIABLES = {
  HOURBANK_FEED_URL: urlVar('http://localhost:3000', ['http:', 'https:']),
  HOURBANK_NOTIFIER_TOKEN: optionalVar(),
  HOURBANK_SMTP_URL: patternVar(/^smtps?:\/\/[^/]/, 'look like smtp://user:pass@host:587 or smtps://host:465', { secret: true }),
  HOURBANK_SMTP_HOST: textVar('localhost'),
  HOURBANK_SMTP_PORT: integerVar(587, 1, 65535),
  HOURBANK_SMTP_SECURE: choiceVar(['true', 'false'], 'false'),
  HOURBANK_SMTP_USER: optionalVar(),
  HOURBANK_SMTP_PASS: optionalVar(),
  HOURBANK_SMTP_FROM: textVar('Hour Bank <nao-responda@hourbank.local>'),
  HOURBANK_DATA_DIR: textVar('./data'),
  HOURBANK_NOTIFIER_DB: optionalVar(),
  HOURBANK_NOTIFIER_CONTACTS: optionalVar(),
  HOURBANK_NOTIFIER_CONTACTS_FILE: optionalVar(),
  HOURBANK_NOTIFIER_POLL_MS: integerVar(2000, 10, 600_000),
  HOURBANK_NOTIFIER_PAGE_SIZE: integerVar(100, 1, 500),
  HOURBANK_NOTIFIER_START: patternVar(/^(head|start|\d{1,16})$/, 'be head, start or a position (a whole number)'),
  HOURBANK_AUTO_CLOSE_BUSINESS_DAYS: integerVar(5, 1, 365),
  LOG_LEVEL: choiceVar(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function contactsFrom(inline: string | undefined, file: string | undefined, problems: string[]): Record<string, string> {
  const contacts: Record<string, string> = {};
  if (file) {
    try {
      Object.assign(contacts, JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
    } catch (error) {
      problems.push(`HOURBANK_NOTIFIER_CONTACTS_FILE ${file} is not a readable JSON object: ${(error as Error).message}`);
    }
  }
  for (const pair of (inline ?? '').split(',').filter((p) => p.trim())) {
    const [accountId, address] = pair.split('=').map((part) => part.trim());
    if (accountId && address) contacts[accountId] = address;
    else problems.push(`HOURBANK_NOTIFIER_CONTACTS entry "${pair}" is not accountId=address`);
  }
  for (const [accountId, address] of Object.entries(contacts)) {
    if (!EMAIL.test(address)) problems.push(`The contact of account ${accountId} is not an e-mail address: "${address}"`);
  }
  return contacts;
}

function smtpFrom(v: { HOURBANK_SMTP_URL?: string; HOURBANK_SMTP_HOST: string; HOURBANK_SMTP_PORT: number; HOURBANK_SMTP_SECURE: string; HOURBANK_SMTP_USER?: string; HOURBANK_SMTP_PASS?: string }): SmtpSettings {
  if (v.HOURBANK_SMTP_URL) {
    const parsed = new URL(v.HOURBANK_SMTP_URL);
    const secure = parsed.protocol === 'smtps:';
    return {
      host: parsed.hostname, port: Number(parsed.port || (secure ? 465 : 587)), secure,
      ...(parsed.username && { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }),
    };
  }
  return {
    host: v.HOURBANK_SMTP_HOST, port: v.HOURBANK_SMTP_PORT, secure: v.HOURBANK_SMTP_SECURE === 'true',
    ...(v.HOURBANK_SMTP_USER && { user: v.HOURBANK_SMTP_USER, pass: v.HOURBANK_SMTP_PASS ?? '' }),
  };
}

const TOKEN_REQUIRED = 'HOURBANK_NOTIFIER_TOKEN is required: mint one with `npm run cli -- mint-token --role auditor --sub notifier --ttl 365d`';

/** Reads the notifier's configuration from the environment; every problem is reported at once. */
export function loadNotifierConfig(env: Env = process.env, cwd = process.cwd()): NotifierConfig {
  const problems: string[] = [];
  const contacts = contactsFrom(env.HOURBANK_NOTIFIER_CONTACTS?.trim(), env.HOURBANK_NOTIFIER_CONTACTS_FILE?.trim(), problems);
  const crossChecks = () => [...(env.HOURBANK_NOTIFIER_TOKEN?.trim() ? [] : [TOKEN_REQUIRED]), ...problems];
  const v = parseEnv(VARIABLES, env, crossChecks, 'notifier configuration');
  const start = v.HOURBANK_NOTIFIER_START ?? 'head';
  return {
    feedUrl: v.HOURBANK_FEED_URL.replace(/\/+$/, ''),
    token: v.HOURBANK_NOTIFIER_TOKEN ?? '',
    smtp: smtpFrom(v),
    from: v.HOURBANK_SMTP_FROM,
    databaseFile: resolve(cwd, v.HOURBANK_NOTIFIER_DB ?? resolve(v.HOURBANK_DATA_DIR, 'notifier.sqlite')),
    contacts,
    pollMs: v.HOURBANK_NOTIFIER_POLL_MS,
    pageSize: v.HOURBANK_NOTIFIER_PAGE_SIZE,
    start: start === 'head' || start === 'start' ? start : Number(start),
    autoCloseBusinessDays: v.HOURBANK_AUTO_CLOSE_BUSINESS_DAYS,
    logLevel: v.LOG_LEVEL,
  };
}
