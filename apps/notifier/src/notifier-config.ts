import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSmtpSettings, type SmtpSettings } from '../../../libs/platform/src/config/smtp-settings.js';

export type { SmtpSettings };

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
  /** HOURBANK_APP_URL: where the web app is (default: the feed's API, which serves it at /). */
  readonly appUrl: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function contactsFrom(env: Env, problems: string[]): Record<string, string> {
  const contacts: Record<string, string> = {};
  const file = value(env, 'HOURBANK_NOTIFIER_CONTACTS_FILE');
  if (file) Object.assign(contacts, JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  for (const pair of (value(env, 'HOURBANK_NOTIFIER_CONTACTS') ?? '').split(',').filter((p) => p.trim())) {
    const [accountId, address] = pair.split('=').map((part) => part.trim());
    if (accountId && address) contacts[accountId] = address;
    else problems.push(`HOURBANK_NOTIFIER_CONTACTS entry "${pair}" is not accountId=address`);
  }
  for (const [accountId, address] of Object.entries(contacts)) {
    if (!EMAIL.test(address)) problems.push(`The contact of account ${accountId} is not an e-mail address: "${address}"`);
  }
  return contacts;
}

const integer = (env: Env, name: string, fallback: number, min: number, max: number, problems: string[]): number => {
  const raw = value(env, name);
  const parsed = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) problems.push(`${name} must be an integer from ${min} to ${max}`);
  return parsed;
};

/** Reads the notifier's configuration from the environment; every problem is reported at once. */
export function loadNotifierConfig(env: Env = process.env, cwd = process.cwd()): NotifierConfig {
  const problems: string[] = [];
  const feedUrl = value(env, 'HOURBANK_FEED_URL') ?? 'http://localhost:3000';
  const token = value(env, 'HOURBANK_NOTIFIER_TOKEN');
  if (!token) problems.push('HOURBANK_NOTIFIER_TOKEN is required: mint one with `npm run cli -- mint-token --role auditor --sub notifier --ttl 365d`');
  if (!URL.canParse(feedUrl)) problems.push('HOURBANK_FEED_URL must be a URL such as http://localhost:3000');
  const config: NotifierConfig = {
    feedUrl: feedUrl.replace(/\/+$/, ''),
    token: token ?? '',
    smtp: readSmtpSettings(env, problems),
    from: value(env, 'HOURBANK_SMTP_FROM') ?? 'Hour Bank <nao-responda@hourbank.local>',
    databaseFile: resolve(cwd, value(env, 'HOURBANK_NOTIFIER_DB') ?? resolve(value(env, 'HOURBANK_DATA_DIR') ?? './data', 'notifier.sqlite')),
    contacts: contactsFrom(env, problems),
    pollMs: integer(env, 'HOURBANK_NOTIFIER_POLL_MS', 2000, 10, 600_000, problems),
    pageSize: integer(env, 'HOURBANK_NOTIFIER_PAGE_SIZE', 100, 1, 500, problems),
    appUrl: (value(env, 'HOURBANK_APP_URL') ?? feedUrl).replace(/\/+$/, ''),
  };
  if (problems.length > 0) throw new Error(`Invalid notifier configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
