import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '#kernel';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { NotifierStore, type MailEntry } from '../../apps/notifier/src/notifier-store.js';
import type { ApiHarness } from '../e2e/support/harness.js';
import { castOfThisMonth, startApi, ticketWithTwoDueMails } from './notifier-support/due-mails.js';
import { SmtpSink } from './notifier-support/smtp-sink.js';

const TICKETS = 15;
const KILLS = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('notifier crash: SIGKILLed mid-stream and restarted, it delivers every due mail', () => {
  let api: ApiHarness;
  let sink: SmtpSink;
  let dir: string;
  let due: string[];
  let log: MailEntry[];
  let kills = 0;

  const startNotifier = async (): Promise<ChildProcess> => spawn(process.execPath, ['dist/apps/notifier/src/main.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env, LOG_LEVEL: 'silent', HOURBANK_FEED_URL: api.url, HOURBANK_NOTIFIER_TOKEN: await api.token('auditor', { sub: 'notifier' }),
      HOURBANK_SMTP_URL: sink.url, HOURBANK_NOTIFIER_DB: join(dir, 'notifier.sqlite'), HOURBANK_NOTIFIER_POLL_MS: '20',
      HOURBANK_NOTIFIER_PAGE_SIZE: '3', HOURBANK_NOTIFIER_CONTACTS: `${accountA}=cliente@padaria.example`, HOURBANK_NOTIFIER_START: 'start',
    },
  });
  let accountA = '';

  const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  const distinct = () => new Set(sink.received.map((m) => m.eventId)).size;

  before(async function () {
    this.timeout(60_000);
    dir = mkdtempSync(join(tmpdir(), 'hourbank-notifier-crash-'));
    sink = await SmtpSink.start({ delayMs: 15 });
    api = await startApi();
    const cast = await castOfThisMonth(api);
    accountA = cast.accountA;
    for (let i = 0; i < TICKETS; i++) await ticketWithTwoDueMails(cast, cast.clientA, cast.accountA, `Chamado ${i + 1}`);
    const events: RecordedEvent[] = [];
    for await (const event of api.app.get<EventStore>(EVENT_STORE).readAll()) events.push(event);
    due = events.filter((e) => e.type === 'hourbank.ticket.clarification-requested.v1' || (e.type === 'hourbank.ticket.estimated.v1' && (e.data as { approvalRequired: boolean }).approvalRequired)).map((e) => e.id);

    while (kills < KILLS && distinct() < due.length) {
      const before = sink.received.length;
      const child = await startNotifier();
      for (let i = 0; i < 400 && sink.received.length === before; i++) await sleep(5);
      await sleep(Math.floor(Math.random() * 40));
      child.kill('SIGKILL');
      await exited(child);
      kills++;
    }
    const last = await startNotifier();
    for (let i = 0; i < 1000 && distinct() < due.length; i++) await sleep(10);
    await sleep(300);
    last.kill('SIGTERM');
    await exited(last);
    const store = NotifierStore.open(join(dir, 'notifier.sqlite'));
    log = store.mails();
    store.close();
  });
  after(async () => {
    await api?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`was killed ${KILLS} times while mails were going out`, () => {
    expect(kills).to.equal(KILLS);
    expect(due).to.have.length(TICKETS * 2);
  });

  it('delivered every due mail at least once, and nothing that was not due', () => {
    const received = new Set(sink.received.map((m) => m.eventId));
    expect(due.filter((id) => !received.has(id))).to.deep.equal([]);
    expect([...received].filter((id) => !due.includes(id))).to.deep.equal([]);
  });

  it('delivered exactly once every mail whose send was not cut between SMTP acceptance and the sent record', () => {
    const counts = new Map<string, number>();
    for (const mail of sink.received) counts.set(mail.eventId, (counts.get(mail.eventId) ?? 0) + 1);
    const attempts = new Map(log.map((entry) => [entry.eventId, entry.attempts]));
    const repeated = [...counts].filter(([id, count]) => count > 1 && attempts.get(id) === 1);
    expect(repeated, 'mails repeated without an interrupted send').to.deep.equal([]);
    for (const [id, count] of counts) expect(count, id).to.be.at.most(attempts.get(id) ?? 0);
    const duplicates = sink.received.length - counts.size;
    console.log(`      ${kills} kills, ${due.length} due mails, ${sink.received.length} received, ${duplicates} re-sent after a cut send`);
  });

  it('recorded every due mail as sent, and kept one Message-ID per event across re-sends', () => {
    expect(log.filter((e) => e.state === 'sent').map((e) => e.eventId).sort()).to.deep.equal([...due].sort());
    for (const mail of sink.received) expect(mail.messageId).to.equal(`<${mail.eventId}@notifier.hour-bank>`);
  });
});
