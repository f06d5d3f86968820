import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { FeedClient } from '../../apps/notifier/src/feed-client.js';
import { smtpMailer } from '../../apps/notifier/src/mailer.js';
import { Notifier, type NotifierOptions } from '../../apps/notifier/src/notifier.js';
import { NotifierStore } from '../../apps/notifier/src/notifier-store.js';
import type { ApiHarness } from '../e2e/support/harness.js';
import type { Cast } from '../e2e/support/hour-bank-fixtures.js';
import { castOfThisMonth, startApi, ticketWithTwoDueMails } from './notifier-support/due-mails.js';
import { SmtpSink } from './notifier-support/smtp-sink.js';

describe('notifier: where a first start begins', () => {
  let api: ApiHarness;
  let cast: Cast;
  let sink: SmtpSink;
  let dir: string;
  before(async () => {
    sink = await SmtpSink.start();
    api = await startApi();
    cast = await castOfThisMonth(api);
    await ticketWithTwoDueMails(cast);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hourbank-notifier-start-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  after(async () => {
    await api?.close();
    await sink?.close();
  });

  const runUntil = async (start: NotifierOptions['start'], until: () => boolean) => {
    const store = NotifierStore.open(join(dir, 'notifier.sqlite'));
    const mailer = smtpMailer({ host: '127.0.0.1', port: sink.port, secure: false }, 'Banco de Horas <suporte@example.com>');
    const notifier = new Notifier({
      feed: new FeedClient(api.url, await api.token('auditor', { sub: 'notifier' }), 50),
      store, mailer, contacts: { [cast.accountA]: 'cliente@padaria.example' }, pollMs: 20, logger: pino({ level: 'silent' }),
      start, autoCloseBusinessDays: 5,
    });
    const running = notifier.run();
    for (let i = 0; i < 200 && !until(); i++) await new Promise((r) => setTimeout(r, 25));
    notifier.stop();
    await running;
    mailer.close();
    const checkpoint = store.checkpoint();
    store.close();
    return checkpoint;
  };

  it('at the head: none of the history is mailed, what happens next is', async () => {
    const before = sink.received.length;
    const head = (await cast.auditor.get('/feed?limit=1')).body.head as number;
    expect(head).to.be.greaterThan(0);
    let started = false;
    const checkpoint = await runUntil('head', () => {
      if (!started) {
        started = true;
        setTimeout(() => void ticketWithTwoDueMails(cast, cast.clientA, cast.accountA, 'Depois do início'), 200);
      }
      return sink.received.length >= before + 2;
    });
    const mine = sink.received.slice(before);
    expect(mine.map((m) => m.subject)).to.have.length(2);
    expect(mine.every((m) => m.subject.includes('Depois do início'))).to.equal(true);
    expect(checkpoint).to.be.greaterThan(head);
  });

  it('at the start: the history is mailed', async () => {
    const history = (await cast.auditor.get('/feed?limit=500')).body.events as Array<{ type: string; data: { approvalRequired?: boolean } }>;
    const due = history.filter((e) => e.type === 'hourbank.ticket.clarification-requested.v1' || (e.type === 'hourbank.ticket.estimated.v1' && e.data.approvalRequired)).length;
    const before = sink.received.length;
    await runUntil('start', () => sink.received.length >= before + due);
    expect(due).to.be.greaterThan(1);
    expect(sink.received.length - before).to.equal(due);
  });
});
