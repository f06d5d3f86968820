import { expect } from 'chai';
import { PDFParse } from 'pdf-parse';
import { buildMonthlyReport } from '../domain/build-monthly-report.js';
import { previewEdition } from '../domain/report-editions.js';
import { agencyAccount, agencyTicketThree, agencyTicketTwo, ticketOne } from '../domain/report.fixtures.js';
import { renderCsv, renderSummaryCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderReport } from './render-report.js';

const doc = () => previewEdition(
  () => buildMonthlyReport({ period: '2027-01', account: agencyAccount, tickets: [ticketOne, agencyTicketTwo, agencyTicketThree] }),
  { position: 1300, chainHead: null, events: null }, { name: 'Hour Bank' },
);
const rows = (csv: Buffer) => csv.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(';'));

describe('the report documents of package prices, overrun approvals and alerts', () => {
  it('the summary CSV gives the package revenue, the overrun requests and approved hours, and the alert count', () => {
    const summary = new Map(rows(renderSummaryCsv(doc())).map(([item, value, minutes]) => [item, [value, minutes]]));
    expect(summary.get('Pacotes comprados no período')).to.deep.equal(['2 pacotes (3:00 h): R$ 1.500,00 (1 sem preço registrado)', '']);
    expect(summary.get('Receita de pacotes do período')).to.deep.equal(['R$ 1.500,00', '']);
    expect(summary.get('Pedidos de horas além da estimativa')).to.deep.equal(['4', '']);
    expect(summary.get('Horas adicionais aprovadas')).to.deep.equal(['7:40', '460']);
    expect(summary.get('Alertas emitidos no período')).to.deep.equal(['4', '']);
  });

  it('the movements CSV prints a package\'s price on its credit row', () => {
    const packages = rows(renderCsv(doc())).filter((row) => row[2] === 'Pacote');
    expect(packages.map((row) => row[8])).to.deep.equal(['Preço: R$ 1.500,00', '']);
  });

  it('the printable page has the three sections, with who decided and what each alert said', () => {
    const html = renderHtml(doc()).toString('utf8');
    expect(html).to.include('<h2>Pacotes comprados no período</h2>').and.include('Receita de pacotes do período');
    expect(html).to.include('<h2>Horas além da estimativa aprovada (novas aprovações)</h2>');
    expect(html).to.include('<td>#1042</td><td>Integração com o ERP</td><td>14/01/2027 09:00</td><td class="n">1:00</td><td>de 2:00 para 3:00</td>');
    expect(html).to.include('<td>Aprovado</td><td>gestor (gestor-ana)</td>').and.include('Recusado: Sem verba').and.include('Aguardando o cliente');
    expect(html).to.include('<h2>Alertas emitidos no período</h2>');
    expect(html).to.include('Saldo de 0:00 h, abaixo do limite de 1:00 h');
    expect(html).to.include('0:25 h sem saldo, estimadas em R$ 62,63 na fatura de excedente');
    expect(html).to.include('Plano 03/2026: 0:50 h válidas até 28/02/2027');
    expect(html).to.include('Chamado #1042 “Integração com o ERP”: prazo de entrega vence em 19/01/2027 17:00');
  });

  it('the PDF holds them too', async () => {
    const parser = new PDFParse({ data: new Uint8Array(await renderReport(doc(), 'pdf')) });
    try {
      const text = (await parser.getText()).text;
      for (const words of ['Pacotes comprados no período', 'Receita de pacotes do período', 'R$ 1.500,00', 'sem preço', 'Horas além da estimativa aprovada', 'Aguardando o', 'Alertas emitidos no período', 'SLA em risco', 'Saldo baixo']) {
        expect(text, words).to.include(words);
      }
    } finally {
      await parser.destroy();
    }
  });
});
