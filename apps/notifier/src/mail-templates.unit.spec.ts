import { expect } from 'chai';
import { composeMail, type FeedEvent } from './mail-templates.js';

const event = (type: string, data: Record<string, unknown>): FeedEvent => ({ id: 'e-1', type, position: 1, data: { accountId: 'acc-1', ticketId: 't-1', ...data } });
const settings = { autoCloseBusinessDays: 5 };

describe('the mails the notifier composes', () => {
  it('greets a client whose name ends with a period without doubling it', () => {
    const mail = composeMail(event('hourbank.report.issued.v1', { period: '2030-02' }), { clientName: 'Padaria Pão Quente Ltda.' }, settings)!;
    expect(mail.text).to.match(/^Olá, Padaria Pão Quente Ltda\.\n/);
    expect(mail.text).not.to.contain('Ltda..');
    const plain = composeMail(event('hourbank.report.issued.v1', { period: '2030-02' }), { clientName: 'Acme' }, settings)!;
    expect(plain.text).to.match(/^Olá, Acme\.\n/);
  });

  it('names a breached delivery promise once: "O prazo de entrega prometido"', () => {
    const mail = composeMail(event('hourbank.ticket.sla-breached.v1', { kind: 'deliveryPromise', dueAt: '2030-03-12T12:00:00Z' }), { ticketTitle: 'Site fora' }, settings)!;
    expect(mail.text).to.contain('O prazo de entrega prometido do chamado “Site fora” venceu em 12/03/2030 às 09:00');
    expect(mail.text).not.to.contain('prazo de prazo');
    const first = composeMail(event('hourbank.ticket.sla-breached.v1', { kind: 'firstResponse', dueAt: '2030-03-12T12:00:00Z' }), {}, settings)!;
    expect(first.text).to.contain('O prazo de primeira resposta do chamado');
  });

  for (const [days, words] of [[5, '5 dias úteis'], [1, '1 dia útil'], [12, '12 dias úteis']] as const) {
    it(`says a delivered ticket closes by itself after ${words} when that is the configured number`, () => {
      const mail = composeMail(event('hourbank.ticket.delivered.v1', { deliveredAt: '2030-03-12T12:00:00Z', summary: 'Feito.' }), {}, { autoCloseBusinessDays: days })!;
      expect(mail.text).to.contain(`o chamado é encerrado automaticamente após ${words}.`);
      expect(mail.text).not.to.contain('alguns dias');
    });
  }

  it('tells of an estimate within the balance too, with the expected delivery (issue 15)', () => {
    const mail = composeMail(event('hourbank.ticket.estimated.v1', { estimatedMinutes: 95, expectedDeliveryAt: '2030-03-15T20:30:00Z', approvalRequired: false }), { ticketTitle: 'Site' }, settings)!;
    expect(mail.subject).to.equal('[Banco de Horas] Estimativa do chamado “Site”: 1:35 h');
    expect(mail.text).to.contain('Entrega prevista para 15/03/2030 às 17:30.');
  });

  it('mails the close, the project offer, the invoice and the alerts, account mails linking to the account', () => {
    const account = { accountUrl: 'https://horas.example.com/contas/acc-1' };
    const closed = composeMail(event('hourbank.ticket.closed.v1', { loggedMinutes: 130, how: 'autoClosed', closedAt: '2030-03-12T21:00:00Z' }), {}, settings)!;
    expect(closed.text).to.contain('sem resposta no prazo após a entrega').and.contain('2:10 h de trabalho');
    const offer = composeMail(event('hourbank.ticket.project-offer-recorded.v1', { expectedMinutes: 2400, priceCents: 1_200_000, recordedAt: '2030-03-12T21:00:00Z' }), {}, settings)!;
    expect(offer.text).to.contain('40:00 h previstas, por R$ 12.000,00');
    const invoice = composeMail(event('hourbank.account.overage-invoiced.v1', { period: '2030-02', shortfallMinutes: 20, rateCentsPerHour: 6000, amountCents: 2000, invoicedAt: '2030-03-01T12:00:00Z' }), account, settings)!;
    expect(invoice.subject).to.equal('[Banco de Horas] Fatura de horas excedentes de fevereiro de 2030: R$ 20,00');
    expect(invoice.text).to.contain('Veja o relatório do mês: https://horas.example.com/contas/acc-1');
    const low = composeMail(event('hourbank.account.low-balance-alerted.v1', { balanceMinutes: 45, thresholdMinutes: 60, alertedAt: '2030-03-12T21:00:00Z' }), account, settings)!;
    expect(low.text).to.contain('ficou em 0:45 h, abaixo do aviso de 1:00 h').and.contain('https://horas.example.com/contas/acc-1');
    const expiring = composeMail(event('hourbank.account.lot-expiring-soon-alerted.v1', { lotId: 'l', minutes: 120, expiresAt: '2030-04-01T03:00:00Z', alertedAt: '2030-03-02T03:00:00Z' }), account, settings)!;
    expect(expiring.subject).to.equal('[Banco de Horas] 2:00 h do seu banco vencem em 01/04/2030 às 00:00');
    const shortfall = composeMail(event('hourbank.account.shortfall-alerted.v1', { period: '2030-03', shortfallMinutes: 30, rateCentsPerHour: 12000, estimatedAmountCents: 6000, alertedAt: '2030-03-12T21:00:00Z' }), account, settings)!;
    expect(shortfall.text).to.contain('0:30 h excedentes').and.contain('cerca de R$ 60,00');
  });

  it('mails an account-manager change, naming who is replaced, and its removal, linking to the account (issue 15)', () => {
    const account = { accountUrl: 'https://horas.example.com/contas/acc-1', accountManagerName: 'Carla Gerente' };
    const assigned = composeMail(event('hourbank.account.manager-assigned.v1', { userId: 'u-2', name: 'Davi Gerente', previousUserId: 'u-1', assignedAt: '2030-03-12T12:00:00Z' }), account, settings)!;
    expect(assigned.subject).to.equal('[Banco de Horas] Seu gerente de atendimento: Davi Gerente');
    expect(assigned.text).to.contain('Davi Gerente passa a ser o gerente de atendimento da sua conta, no lugar de Carla Gerente, desde 12/03/2030 às 09:00.');
    expect(assigned.text).to.contain('Veja a sua conta: https://horas.example.com/contas/acc-1');
    const first = composeMail(event('hourbank.account.manager-assigned.v1', { userId: 'u-1', name: 'Carla Gerente', assignedAt: '2030-03-12T12:00:00Z' }), {}, settings)!;
    expect(first.text).to.contain('Carla Gerente é o gerente de atendimento da sua conta desde 12/03/2030 às 09:00.');
    const removed = composeMail(event('hourbank.account.manager-removed.v1', { userId: 'u-1', removedAt: '2030-03-12T12:00:00Z' }), account, settings)!;
    expect(removed.text).to.contain('Carla Gerente deixou de ser o gerente de atendimento').and.contain('https://horas.example.com/contas/acc-1');
  });

  it('mails a contract amendment with the terms that change and from when', () => {
    const mail = composeMail(event('hourbank.account.contract-amended.v1', {
      effectiveFrom: '2030-05', clientName: 'Padaria Start Ltda', overageRateCentsPerHour: 20000, reason: 'Aditivo 1', amendedAt: '2030-03-12T12:00:00Z',
    }), { accountUrl: 'https://horas.example.com/contas/acc-1' }, settings)!;
    expect(mail.subject).to.equal('[Banco de Horas] Aditivo de contrato a partir de maio de 2030');
    expect(mail.text).to.contain('Nome do cliente: Padaria Start Ltda\nValor da hora excedente: R$ 200,00').and.contain('Motivo: Aditivo 1');
    expect(mail.html).to.contain('Nome do cliente: Padaria Start Ltda<br>Valor da hora excedente');
    expect(mail.text).to.contain('Veja a sua conta: https://horas.example.com/contas/acc-1');
  });

  it("mails the client's decision on a project offer, with the offer's terms, and an answered pending question", () => {
    const context = { ticketTitle: 'Estoque', ticketNumber: 7, ticketUrl: 'https://horas.example.com/chamados/t-1', projectOffer: { expectedMinutes: 1800, priceCents: 900000 } };
    const accepted = composeMail(event('hourbank.ticket.project-offer-accepted.v1', { offerId: 'o-2', acceptedBy: 'client', acceptedAt: '2030-03-12T12:00:00Z' }), context, settings)!;
    expect(accepted.subject).to.equal('[Banco de Horas] Proposta de projeto aceita: #7 “Estoque”');
    expect(accepted.text).to.contain('(30:00 h previstas, por R$ 9.000,00) foi aceita por você em 12/03/2030 às 09:00.').and.contain('Veja o chamado: https://horas.example.com/chamados/t-1');
    const declined = composeMail(event('hourbank.ticket.project-offer-declined.v1', { offerId: 'o-1', reason: 'Fora do orçamento', declinedBy: 'manager', declinedAt: '2030-03-12T12:00:00Z' }), context, settings)!;
    expect(declined.text).to.contain('foi recusada pela nossa equipe em seu nome').and.contain('Motivo: Fora do orçamento').and.contain('https://horas.example.com/chamados/t-1');
    const answered = composeMail(event('hourbank.ticket.pending-question-answered.v1', { questionId: 'q-1', answer: 'Usa a região do cliente.', answeredAt: '2030-03-12T12:00:00Z' }),
      { ...context, question: 'Por que o filtro zera?' }, settings)!;
    expect(answered.subject).to.equal('[Banco de Horas] Resposta à pergunta pendente: #7 “Estoque”');
    expect(answered.text).to.contain('Pergunta: Por que o filtro zera?').and.contain('Resposta: Usa a região do cliente.').and.contain('https://horas.example.com/chamados/t-1');
  });
});
