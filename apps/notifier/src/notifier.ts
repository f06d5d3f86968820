import type { Logger } from 'pino';
import type { FeedClient } from './feed-client.js';
import { createHash } from 'node:crypto';
import { attachesReport, composeMail, type FeedEvent, type MailSettings } from './mail-templates.js';
import type { MailAttachment } from './mailer.js';
import { messageIdFor, type Mailer } from './mailer.js';
import type { NotifierStart } from './notifier-config.js';
import type { NotifierStore } from './notifier-store.js';

export interface NotifierOptions extends MailSettings {
  readonly feed: FeedClient;
  readonly store: NotifierStore;
  readonly mailer: Mailer;
  readonly contacts: Readonly<Record<string, string>>;
  readonly pollMs: number;
  readonly logger: Logger;
  /** Where to begin when the store has no checkpoint yet (its first start). */
  readonly start: NotifierStart;
  /** The web app's base URL: ticket mails link to the ticket's page there. */
  readonly appUrl?: string;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Follows the feed from its own checkpoint and mails the client. Per event: skip a mail the
 * sent-log already holds as sent; else record "sending", send over SMTP, record "sent"; then
 * learn from the event and move the checkpoint. Order is kept: a failing send is retried, not skipped.
 */
export class Notifier {
  private stopping = false;
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;

  constructor(private readonly options: NotifierOptions) {}

  async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const caughtUp = await this.step();
        failures = 0;
        if (caughtUp) await this.sleep(this.options.pollMs);
      } catch (error) {
        if (this.stopping) break;
        failures++;
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 7));
        this.options.logger.warn({ err: error, retryInMs: delay }, 'Notifier step failed; retrying from the checkpoint');
        await this.sleep(delay);
      }
    }
  }

  /** Handles one page; true when the feed had nothing more. */
  async step(): Promise<boolean> {
    const { store, feed } = this.options;
    const page = await feed.page(store.checkpoint() ?? (await this.firstPosition()), this.abort.signal);
    for (const event of page.events) {
      if (this.stopping) return true;
      await this.handle(event);
      store.advance(event, event.position);
    }
    if (!this.stopping) store.advance(undefined, page.next);
    return page.caughtUp;
  }

  /** The first start: the head of the feed (recorded, so a restart goes on from there), its start, or a position. */
  private async firstPosition(): Promise<number> {
    const { start, store, feed, logger } = this.options;
    const position = start === 'start' ? 0 : start === 'head' ? (await feed.page(0, this.abort.signal, 1)).head : start;
    store.advance(undefined, position);
    logger.info({ start, position }, 'First start: following the feed from here');
    return position;
  }

  stop(): void {
    this.stopping = true;
    this.abort.abort();
    this.wake?.();
  }

  private async handle(event: FeedEvent): Promise<void> {
    const { store, contacts, mailer, logger } = this.options;
    const ticketId = event.data.ticketId as string | undefined;
    const known = store.context(event);
    const accountId = event.data.accountId as string | undefined;
    const { appUrl } = this.options;
    const context = {
      ...known, ...(appUrl && ticketId && { ticketUrl: `${appUrl}/chamados/${ticketId}` }), ...(appUrl && accountId && { accountUrl: `${appUrl}/contas/${accountId}` }),
    };
    const mail = composeMail(event, context, this.options);
    if (!mail) return;
    const entry = store.mail(event.id);
    if (entry?.state === 'sent' || entry?.state === 'unroutable') return;
    const to = contacts[mail.accountId];
    if (!to) {
      store.markUnroutable(event);
      logger.warn({ eventId: event.id, accountId: mail.accountId }, 'No contact e-mail for the account; mail not sent');
      return;
    }
    if (entry?.state === 'sending') logger.warn({ eventId: event.id }, 'Re-sending a mail whose send was interrupted (it may have left: same Message-ID)');
    const attachments = attachesReport(event) ? [await this.issuedPdf(event)] : undefined;
    const messageId = messageIdFor(event.id);
    store.markSending(event, to, mail.subject, messageId);
    await mailer.send({ to, subject: mail.subject, text: mail.text, html: mail.html, messageId, eventId: event.id, eventType: event.type, ...(attachments && { attachments }) });
    store.markSent(event.id);
    logger.info({ eventId: event.id, type: event.type, to }, 'Mail sent');
  }

  /**
   * The PDF as issued, checked against the hash the issue recorded: a mail never carries another document. A failed
   * fetch or a mismatch fails the send, which is retried with the stream held (order is kept).
   */
  private async issuedPdf(event: FeedEvent): Promise<MailAttachment> {
    const { accountId, period, formatHashes } = event.data as { accountId: string; period: string; formatHashes?: { pdf?: string } };
    const content = await this.options.feed.issuedReportPdf(accountId, period, this.abort.signal);
    const hash = createHash('sha256').update(content).digest('hex');
    if (formatHashes?.pdf && hash !== formatHashes.pdf) throw new Error(`The PDF of ${period} served by the API (sha256 ${hash}) is not the one issued (${formatHashes.pdf})`);
    return { filename: `relatorio-${period}.pdf`, content, contentType: 'application/pdf' };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
