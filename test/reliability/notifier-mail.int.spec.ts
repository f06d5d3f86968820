import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { periodName } from '../../apps/notifier/src/formatting.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { FeedClient } from '../../apps/notifier/src/feed-client.js';
import { smtpMailer } from '../../apps/notifier/src/mailer.js';
import { Notifier } from '../../apps/notifier/src/notifier.js';
import { NotifierStore } from '../../apps/notifier/src/notifier-store.js';
import type { ApiHarness } from '../e2e/support/harness.js';
import { created, type Cast } from '../e2e/support/hour-bank-fixtures.js';
import { approveAndDeliver, castOfThisMonth, recordBreachAndReport, startApi, ticketWithTwoDueMails } from './notifier-support/due-mails.js';
import { SmtpSink, type ReceivedMail } from './notifier-support/smtp-sink.js';

describe('notifier: follows the feed and mails the client over SMTP in Portuguese', () => {
  let api: ApiHarness;
  let cast: Cast;
  let sink: SmtpSink;
  let dir: string;
  let ticket: string;
  let mails: ReceivedMail[];
  let report: { period: string; pdfHash: string };

  const runNotifier = async (until: () => boolean) => {
    const store = NotifierStore.open(join(dir, 'notifier.sqlite'));
    const mailer = smtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, user: 'hb', pass: 's3cret' }, 'Banco de Horas <suporte@example.com>');
    const notifier = new Notifier({
      feed: new FeedClient(api.url, await api.token('auditor', { sub: 'notifier' }), 4),
      store,
      mailer,
      contacts: { [cast.accountA]: 'financeiro@padaria.example' },
      pollMs: 30,
      logger: pino({ level: 'silent' }),
      start: 'start',
      autoCloseBusinessDays: 5,
      appUrl: 'https://horas.example.com',
    });
    const running = notifier.run();
    for (let i = 0; i < 400 && !until(); i++) await new Promise((r) => setTimeout(r, 25));
    notifier.stop();
    await running;
    mailer.close();
    const log = store.mails();
    store.close();
    return log;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourbank-notifier-'));
    sink = await SmtpSink.start({ user: 'hb', pass: 's3cret' });
    api = await startApi({ testClock: true });
    cast = await castOfThisMonth(api);
    ticket = await ticketWithTwoDueMails(cast);
    await approveAndDeliver(cast, ticket);
    // Closed now, not by the automatic close on the clock moved for the report (which would fall inside or after the
    // moved month depending on the day the suite runs): the close mails (issue 15) the same every day.
    created(await cast.clientA.post(`/tickets/${ticket}/acceptance`, {}));
    await ticketWithTwoDueMails(cast, cast.clientB, cast.accountB, 'Chamado de outra conta');
    report = await recordBreachAndReport(api, cast, ticket, cast.accountA);
    await runNotifier(() => sink.received.length >= 6);
    mails = sink.received;
  });
  after(async () => {
    await api?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mailAbout = (fragment: string) => {
    const found = mails.find((m) => m.subject.includes(fragment));
    expect(found, `a mail whose subject has "${fragment}" among ${JSON.stringify(mails.map((m) => m.subject))}`).to.not.equal(undefined);
    return found!;
  };

  it("sends the six due mails of the client's account to its contact, none for an account without one", () => {
    expect(mails).to.have.length(6);
    expect(mails.every((m) => m.to.length === 1 && m.to[0] === 'financeiro@padaria.example')).to.equal(true);
  });

  it('asks for the clarification, quoting the question and the ticket title', () => {
    const mail = mailAbout('Precisamos de uma informação');
    expect(mail.subject).to.equal('[Banco de Horas] Precisamos de uma informação sobre #1 “Relatório de vendas não abre”');
    expect(mail.text).to.contain(`Responda no chamado: https://horas.example.com/chamados/${ticket}`);
    expect(mail.html).to.contain(`<a href="https://horas.example.com/chamados/${ticket}">`);
    expect(mail.text).to.contain('Olá, Client A.').and.contain('Qual relatório, e desde quando?');
    expect(mail.html).to.contain('<p>Qual relatório, e desde quando?</p>');
  });

  it('announces the estimate awaiting approval in h:mm with the delivery date in São Paulo time', () => {
    const mail = mailAbout('Estimativa aguardando sua aprovação');
    expect(mail.text).to.contain('estimado em 83:20 h').and.contain('15/03/2030 às 17:30');
  });

  it('tells the client of the delivery with its summary, and of the close', () => {
    expect(mailAbout('Chamado entregue').text).to.contain('Índice criado na tabela de vendas.').and.contain('peça uma revisão');
    expect(mailAbout('Chamado encerrado').subject).to.equal('[Banco de Horas] Chamado encerrado: #1 “Relatório de vendas não abre”');
  });

  it('reports an SLA breach with the due time, and the issued monthly report by month name', () => {
    expect(mailAbout('Prazo de SLA não cumprido').text).to.contain('primeira resposta').and.contain('12/03/2030 às 09:00');
    expect(mailAbout('Relatório mensal').subject).to.equal(`[Banco de Horas] Relatório mensal de ${periodName(report.period)} disponível`);
  });

  it('attaches the issued report\'s PDF, byte for byte the document whose hash the issue recorded', () => {
    const mail = mailAbout('Relatório mensal');
    expect(mail.text).to.contain('segue anexo, em PDF');
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).to.deep.equal([[`relatorio-${report.period}.pdf`, 'application/pdf']]);
    const pdf = mail.attachments[0]!.content;
    expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).to.equal(report.pdfHash);
    expect(mails.filter((m) => m.attachments.length > 0)).to.have.length(1);
  });

  it('gives each mail a Message-ID derived from its event id', () => {
    for (const mail of mails) expect(mail.messageId).to.equal(`<${mail.eventId}@notifier.hour-bank>`);
  });

  it('after a restart repeats nothing, and mails what happens next exactly once', async () => {
    // Over the balance the month's credit left (the clock moved a month for the report): an approval mail again.
    const next = await ticketWithTwoDueMails(cast, cast.clientA, cast.accountA, 'Segundo chamado', 9000);
    const log = await runNotifier(() => sink.received.length >= 8);
    await new Promise((r) => setTimeout(r, 200));
    expect(sink.received).to.have.length(8);
    expect(new Set(sink.received.map((m) => m.eventId)).size).to.equal(8);
    expect(sink.received.slice(6).every((m) => m.subject.includes('Segundo chamado'))).to.equal(true);
    expect(log.filter((e) => e.state === 'unroutable')).to.have.length(2);
    expect(next).to.be.a('string');
  });
});
