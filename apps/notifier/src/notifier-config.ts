import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SMTP_VARIABLES, choiceVar, integerVar, optionalVar, parseEnv, patternVar, smtpSettingsOf, textVar, urlVar, type SmtpSettings } from '#platform';

export type { SmtpSettings };

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
  /** HOURBANK_APP_URL: where the web app is (default: the feed's API, which serves it at /). */
  readonly appUrl: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The notifier's variables: the same kind of schema as the API's (one helper set, every problem at once). */
const VARIABLES = {
  HOURBANK_FEED_URL: urlVar('http://localhost:3000', ['http:', 'https:']),
  HOURBANK_NOTIFIER_TOKEN: optionalVar(),
  ...SMTP_VARIABLES,
  HOURBANK_APP_URL: optionalVar(),
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
    smtp: smtpSettingsOf(v),
    from: v.HOURBANK_SMTP_FROM,
    databaseFile: resolve(cwd, v.HOURBANK_NOTIFIER_DB ?? resolve(v.HOURBANK_DATA_DIR, 'notifier.sqlite')),
    contacts,
    pollMs: v.HOURBANK_NOTIFIER_POLL_MS,
    pageSize: v.HOURBANK_NOTIFIER_PAGE_SIZE,
    start: start === 'head' || start === 'start' ? start : Number(start),
    autoCloseBusinessDays: v.HOURBANK_AUTO_CLOSE_BUSINESS_DAYS,
    logLevel: v.LOG_LEVEL,
    appUrl: (v.HOURBANK_APP_URL ?? v.HOURBANK_FEED_URL).replace(/\/+$/, ''),
  };
}
