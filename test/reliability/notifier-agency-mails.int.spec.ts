import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { pino } from 'pino';
import { FeedClient } from '../../apps/notifier/src/feed-client.js';
import { smtpMailer } from '../../apps/notifier/src/mailer.js';
import { Notifier } from '../../apps/notifier/src/notifier.js';
import { NotifierStore } from '../../apps/notifier/src/notifier-store.js';
import type { ApiHarness } from '../e2e/support/harness.js';
import type { HttpClient } from '../e2e/support/http-client.js';
import { created, numbered, settle, ticketBody } from '../e2e/support/hour-bank-fixtures.js';
import { startApi } from './notifier-support/due-mails.js';
import { SmtpSink, type ReceivedMail } from './notifier-support/smtp-sink.js';

const APP = 'https://horas.example.com';

/**
 * Issue 15's mails over a real SMTP server, from events made over HTTP: the account manager named, replaced and
 * removed, a contract amendment (and the amended name on every mail from its period on), a project offer declined
 * then accepted, and a pending question answered after the session.
 */
describe('notifier: the mails of an agency contract (issue 15), over SMTP', function () {
  this.timeout(120_000);
  let api: ApiHarness;
  let sink: SmtpSink;
  let dir: string;
  let account: string;
  let escalated: string;
  let session: string;
  let mails: ReceivedMail[];

  const runNotifier = async (until: () => boolean) => {
    const store = NotifierStore.open(join(dir, 'notifier.sqlite'));
    const mailer = smtpMailer({ host: '127.0.0.1', port: sink.port, secure: false, user: 'hb', pass: 's3cret' }, 'Banco de Horas <suporte@example.com>');
    const notifier = new Notifier({
      feed: new FeedClient(api.url, await api.token('auditor', { sub: 'notifier' }), 5),
      store, mailer, contacts: { [account]: 'contato@padaria.example' }, pollMs: 30, logger: pino({ level: 'silent' }),
      start: 'start', autoCloseBusinessDays: 5, appUrl: APP,
    });
    const running = notifier.run();
    for (let i = 0; i < 600 && !until(); i++) await new Promise((r) => setTimeout(r, 25));
    notifier.stop();
    await running;
    mailer.close();
    store.close();
  };
  const act = async (by: HttpClient, path: string, body: object = {}) => created(await by.post(path, body));

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hourbank-notifier-agency-'));
    sink = await SmtpSink.start({ user: 'hb', pass: 's3cret' });
    api = await startApi({ testClock: true });
    const manager = await api.as('manager', { sub: 'manager-1' });
    const agent = await api.as('agent', { sub: 'agent-1' });
    created(await manager.post('/admin/clock', { now: '2030-06-04T12:00:00Z' }));
    account = created(await manager.post('/accounts', { clientName: 'Padaria Start', plan: 'BASIC', firstPeriod: '2030-06', overageRateCentsPerHour: 15000 })).id;
    const client = await api.as('client', { sub: 'client-p', accounts: [account] });
    const carla = created(await manager.post('/users', { email: 'carla@agencia.example', name: 'Carla Gerente', role: 'agent' })).id;
    const davi = created(await manager.post('/users', { email: 'davi@agencia.example', name: 'Davi Gerente', role: 'manager' })).id;
    created(await manager.put(`/accounts/${account}/account-manager`, { userId: carla }));
    created(await manager.post(`/accounts/${account}/amendments`, { effectiveFrom: '2030-07', clientName: 'Padaria Start Ltda', overageRateCentsPerHour: 18000, reason: 'Aditivo 1' }));

    escalated = created(await client.post('/tickets', ticketBody(account, { title: 'Novo módulo de estoque' }))).id;
    await numbered(agent, escalated);
    await act(agent, `/tickets/${escalated}/out-of-scope`, { reason: 'feature_evolution', note: 'É um projeto', resolution: 'escalate' });
    const first = (await act(manager, `/tickets/${escalated}/project-offer`, { expectedMinutes: 2400, priceCents: 1200000 })).events[0].data.offerId;
    await act(client, `/tickets/${escalated}/project-offer/decision`, { decision: 'decline', offerId: first, reason: 'Fora do orçamento' });

    session = created(await client.post('/tickets', ticketBody(account, { title: 'Acompanhamento do painel', category: 'technical_follow_up', participants: ['Ana'] }))).id;
    await numbered(agent, session);
    await act(agent, `/tickets/${session}/estimate`, {
      minutes: 120, expectedDeliveryAt: '2030-12-20T18:00:00Z', executionPlan: { plan: 'Revisar o painel juntos', executedBy: 'clientAssisted' },
    });
    const questionId = (await act(agent, `/tickets/${session}/pending-questions`, { question: 'Por que o filtro de região zera o total?' }))
      .events.find((e: { type: string }) => e.type === 'PendingQuestionRecorded').data.questionId;

    // July: the amendment is in force. What happens from now on greets the amended name.
    created(await manager.post('/admin/clock', { now: '2030-07-02T12:00:00Z' }));
    await settle(manager);
    const second = (await act(manager, `/tickets/${escalated}/project-offer`, { expectedMinutes: 1800, priceCents: 900000 })).events[0].data.offerId;
    await act(client, `/tickets/${escalated}/project-offer/decision`, { decision: 'accept', offerId: second });
    await act(agent, `/tickets/${session}/pending-questions/${questionId}/answer`, { answer: 'O filtro usa a região do cliente, não a da venda.' });
    created(await manager.put(`/accounts/${account}/account-manager`, { userId: davi }));
    created(await manager.delete(`/accounts/${account}/account-manager`));
    await settle(manager);

    await runNotifier(() => sink.received.some((m) => m.subject.includes('Mudança no atendimento')));
    mails = sink.received;
  });
  after(async () => {
    await api?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mailAbout = (fragment: string, nth = 0) => {
    const found = mails.filter((m) => m.subject.includes(fragment))[nth];
    expect(found, `mail ${nth} whose subject has "${fragment}" among ${JSON.stringify(mails.map((m) => m.subject))}`).to.not.equal(undefined);
    return found!;
  };

  it('tells the client who its account manager is, then who replaces whom, then that there is none, linking to the account', () => {
    const named = mailAbout('Seu gerente de atendimento: Carla Gerente');
    expect(named.text).to.contain('Carla Gerente é o gerente de atendimento da sua conta desde 04/06/2030 às 09:00.');
    expect(named.text).to.contain(`Veja a sua conta: ${APP}/contas/${account}`);
    const replaced = mailAbout('Seu gerente de atendimento: Davi Gerente');
    expect(replaced.text).to.contain('Davi Gerente passa a ser o gerente de atendimento da sua conta, no lugar de Carla Gerente');
    expect(mailAbout('Mudança no atendimento').text).to.contain('Davi Gerente deixou de ser o gerente de atendimento').and.contain(`${APP}/contas/${account}`);
  });

  it('mails the amendment, with the new name and rate from July, under the name in force when it was made', () => {
    const mail = mailAbout('Aditivo de contrato a partir de julho de 2030');
    expect(mail.text).to.match(/^Olá, Padaria Start\.\n/);
    expect(mail.text).to.contain('Nome do cliente: Padaria Start Ltda').and.contain('Valor da hora excedente: R$ 180,00').and.contain('Motivo: Aditivo 1');
    expect(mail.html).to.contain(`<a href="${APP}/contas/${account}">`);
  });

  it('greets the amended name on every mail from the amendment\'s period on, the old one before it', () => {
    const before = mails.filter((m) => m.subject.includes('Carla Gerente') || m.subject.includes('recusada') || m.subject.includes('Estimativa'));
    const after = mails.filter((m) => m.subject.includes('Davi Gerente') || m.subject.includes('aceita') || m.subject.includes('Resposta à pergunta') || m.subject.includes('Mudança'));
    expect(before).to.have.length(3);
    expect(after).to.have.length(4);
    for (const mail of before) expect(mail.text, mail.subject).to.match(/^Olá, Padaria Start\.\n/);
    for (const mail of after) expect(mail.text, mail.subject).to.match(/^Olá, Padaria Start Ltda\.\n/);
  });

  it('mails the decline and the acceptance of the project offers, each with its terms and the link to the ticket', () => {
    const declined = mailAbout('Proposta de projeto recusada');
    expect(declined.text).to.contain('(40:00 h previstas, por R$ 12.000,00) foi recusada por você').and.contain('Motivo: Fora do orçamento');
    expect(declined.text).to.contain(`Veja o chamado: ${APP}/chamados/${escalated}`);
    const accepted = mailAbout('Proposta de projeto aceita');
    expect(accepted.text).to.contain('(30:00 h previstas, por R$ 9.000,00) foi aceita por você em 02/07/2030 às 09:00.');
    expect(accepted.html).to.contain(`<a href="${APP}/chamados/${escalated}">`);
  });

  it('mails the answer to the pending question, quoting the question, with the link to the ticket', () => {
    const mail = mailAbout('Resposta à pergunta pendente');
    expect(mail.subject).to.match(/“Acompanhamento do painel”$/);
    expect(mail.text).to.contain('Pergunta: Por que o filtro de região zera o total?').and.contain('Resposta: O filtro usa a região do cliente, não a da venda.');
    expect(mail.text).to.contain(`Veja o chamado: ${APP}/chamados/${session}`);
  });

  it('sends each of these once', () => {
    expect(new Set(mails.map((m) => m.eventId)).size).to.equal(mails.length);
  });
});
