import Database from 'better-sqlite3';
import { Temporal } from 'temporal-polyfill';
import { periodOf } from '#calendar';
import { preparePrivateFile } from '#eventstore';
import type { FeedEvent, MailContext } from './mail-templates.js';

export type MailState = 'sending' | 'sent' | 'unroutable';

export interface MailEntry {
  readonly eventId: string;
  readonly state: MailState;
  readonly attempts: number;
  readonly recipient: string | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS accounts (account_id TEXT PRIMARY KEY, client_name TEXT NOT NULL, time_zone TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS tickets (ticket_id TEXT PRIMARY KEY, account_id TEXT NOT NULL, title TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS amendments (
    account_id TEXT NOT NULL, effective_from TEXT NOT NULL, position INTEGER NOT NULL, client_name TEXT, time_zone TEXT,
    PRIMARY KEY (account_id, effective_from, position)
  );
  CREATE TABLE IF NOT EXISTS account_managers (account_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, name TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS pending_questions (question_id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, question TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS project_offers (ticket_id TEXT PRIMARY KEY, expected_minutes INTEGER NOT NULL, price_cents INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS mails (
    event_id TEXT PRIMARY KEY, event_type TEXT NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL,
    recipient TEXT, subject TEXT, message_id TEXT, updated_at TEXT NOT NULL
  );`;

/**
 * The event's own instant (the envelope's `metadata.occurredAt`: the `now` of the command or the due instant of the
 * fact, else when it was recorded): what the name in force is decided by, never the notifier's clock.
 */
const instantOf = (event: FeedEvent): Temporal.Instant => Temporal.Instant.from(event.metadata?.occurredAt ?? event.recordedAt ?? Temporal.Now.instant().toString());

/**
 * The notifier's own SQLite file: its checkpoint, what it learned from the feed (client names and their amendments,
 * the account manager, ticket titles, pending questions, the last project offer) and the sent-log keyed by event id. WAL with synchronous=NORMAL survives a killed
 * process; an OS crash may lose the last records, which then means a re-send, never a loss.
 */
export class NotifierStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): NotifierStore {
    preparePrivateFile(file);
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    const columns = db.prepare('PRAGMA table_info(tickets)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'number')) db.exec('ALTER TABLE tickets ADD COLUMN number INTEGER');
    return new NotifierStore(db);
  }

  /** The position after the last event handled; undefined before the first start recorded one. */
  checkpoint(): number | undefined {
    const row = this.db.prepare('SELECT position FROM checkpoint WHERE id = 1').get() as { position: number } | undefined;
    return row?.position;
  }

  /** Learns from the event and moves the checkpoint past it, in one transaction. */
  advance(event: FeedEvent | undefined, position: number): void {
    this.db.transaction(() => {
      if (event) this.learn(event);
      this.db.prepare('INSERT INTO checkpoint (id, position) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET position = MAX(position, excluded.position)').run(position);
    })();
  }

  /**
   * What an event's mail may say of its account and ticket, as known before the event: the client's name and zone as
   * amended for the period the event was recorded in (amendments apply from their period on; the last one given for a
   * period wins), the account manager, the ticket's title and number, the question an answer answers, the offer decided.
   */
  context(event: FeedEvent): MailContext {
    const accountId = (event.data.accountId as string | undefined) ?? '';
    const ticketId = (event.data.ticketId as string | undefined) ?? '';
    const opened = this.db.prepare('SELECT client_name AS clientName, time_zone AS timeZone FROM accounts WHERE account_id = ?').get(accountId) as
      | { clientName: string; timeZone: string } | undefined;
    const account = opened && this.amended(accountId, opened, instantOf(event));
    const ticket = this.db.prepare('SELECT title AS ticketTitle, number AS ticketNumber FROM tickets WHERE ticket_id = ?').get(ticketId) as
      | { ticketTitle: string; ticketNumber: number | null }
      | undefined;
    const manager = this.db.prepare('SELECT name FROM account_managers WHERE account_id = ?').get(accountId) as { name: string } | undefined;
    const question = event.data.questionId === undefined ? undefined
      : (this.db.prepare('SELECT question FROM pending_questions WHERE question_id = ?').get(event.data.questionId) as { question: string } | undefined);
    const offer = this.db.prepare('SELECT expected_minutes AS expectedMinutes, price_cents AS priceCents FROM project_offers WHERE ticket_id = ?').get(ticketId) as
      | { expectedMinutes: number; priceCents: number } | undefined;
    return {
      ...account, ...(ticket && { ticketTitle: ticket.ticketTitle }), ...(ticket?.ticketNumber != null && { ticketNumber: ticket.ticketNumber }),
      ...(manager && { accountManagerName: manager.name }), ...(question && { question: question.question }), ...(offer && { projectOffer: offer }),
    };
  }

  /** The opening terms with every amendment effective by the event's period (counted in the zone in force then). */
  private amended(accountId: string, opened: { clientName: string; timeZone: string }, at: Temporal.Instant) {
    const amendments = this.db.prepare(`SELECT effective_from AS effectiveFrom, client_name AS clientName, time_zone AS timeZone FROM amendments
      WHERE account_id = ? ORDER BY effective_from, position`).all(accountId) as { effectiveFrom: string; clientName: string | null; timeZone: string | null }[];
    let terms = opened;
    for (const a of amendments) {
      if (a.effectiveFrom > periodOf(at, a.timeZone ?? terms.timeZone)) break;
      terms = { clientName: a.clientName ?? terms.clientName, timeZone: a.timeZone ?? terms.timeZone };
    }
    return terms;
  }

  mail(eventId: string): MailEntry | undefined {
    return this.db.prepare('SELECT event_id AS eventId, state, attempts, recipient FROM mails WHERE event_id = ?').get(eventId) as MailEntry | undefined;
  }

  /** Written before the SMTP send: a restart that finds it knows the mail may have left. */
  markSending(event: FeedEvent, recipient: string, subject: string, messageId: string): void {
    this.db.prepare(`INSERT INTO mails (event_id, event_type, state, attempts, recipient, subject, message_id, updated_at)
      VALUES (?, ?, 'sending', 1, ?, ?, ?, ?)
      ON CONFLICT(event_id) DO UPDATE SET state = 'sending', attempts = attempts + 1, updated_at = excluded.updated_at`)
      .run(event.id, event.type, recipient, subject, messageId, new Date().toISOString());
  }

  markSent(eventId: string): void {
    this.db.prepare("UPDATE mails SET state = 'sent', updated_at = ? WHERE event_id = ?").run(new Date().toISOString(), eventId);
  }

  markUnroutable(event: FeedEvent): void {
    this.db.prepare(`INSERT INTO mails (event_id, event_type, state, attempts, updated_at) VALUES (?, ?, 'unroutable', 0, ?)
      ON CONFLICT(event_id) DO NOTHING`).run(event.id, event.type, new Date().toISOString());
  }

  mails(): MailEntry[] {
    return this.db.prepare('SELECT event_id AS eventId, state, attempts, recipient FROM mails ORDER BY rowid').all() as MailEntry[];
  }

  close(): void {
    this.db.close();
  }

  private learn(event: FeedEvent): void {
    const data = event.data;
    // v1 before contract kinds (issue 15), v2 since: both carry the client's name and zone.
    if (event.type === 'hourbank.account.opened.v1' || event.type === 'hourbank.account.opened.v2') {
      this.db.prepare('INSERT OR REPLACE INTO accounts (account_id, client_name, time_zone) VALUES (?, ?, ?)').run(data.accountId, data.clientName, data.timeZone);
    } else if (event.type === 'hourbank.account.contract-amended.v1') {
      this.db.prepare('INSERT OR IGNORE INTO amendments (account_id, effective_from, position, client_name, time_zone) VALUES (?, ?, ?, ?, ?)')
        .run(data.accountId, data.effectiveFrom, event.position, data.clientName ?? null, data.timeZone ?? null);
    } else if (event.type === 'hourbank.account.manager-assigned.v1') {
      this.db.prepare('INSERT OR REPLACE INTO account_managers (account_id, user_id, name) VALUES (?, ?, ?)').run(data.accountId, data.userId, data.name);
    } else if (event.type === 'hourbank.account.manager-removed.v1') {
      this.db.prepare('DELETE FROM account_managers WHERE account_id = ?').run(data.accountId);
    } else if (event.type === 'hourbank.ticket.pending-question-recorded.v1') {
      this.db.prepare('INSERT OR REPLACE INTO pending_questions (question_id, ticket_id, question) VALUES (?, ?, ?)').run(data.questionId, data.ticketId, data.question);
    } else if (event.type === 'hourbank.ticket.project-offer-recorded.v1') {
      this.db.prepare('INSERT OR REPLACE INTO project_offers (ticket_id, expected_minutes, price_cents) VALUES (?, ?, ?)').run(data.ticketId, data.expectedMinutes, data.priceCents);
    } else if (event.type === 'hourbank.ticket.opened.v1') {
      this.db.prepare('INSERT OR REPLACE INTO tickets (ticket_id, account_id, title) VALUES (?, ?, ?)').run(data.ticketId, data.accountId, data.title);
    } else if (event.type === 'hourbank.ticket.numbered.v1') {
      this.db.prepare('UPDATE tickets SET number = ? WHERE ticket_id = ?').run(data.number, data.ticketId);
    }
  }
}
