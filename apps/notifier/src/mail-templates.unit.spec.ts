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
});
