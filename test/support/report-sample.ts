import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMonthlyReport, correctedEdition, issuedEdition, renderReport, type IssuedReport, type PositionedEvent, type ReportEvent } from '#reporting';
import { accountEvents, agencyAccount, agencyTicketThree, agencyTicketTwo, ticketOne, ticketThree } from '../../libs/reporting/src/domain/report.fixtures.js';

/*
 * The sample documents of docs/report-sample: the hand-worked January of the report specs, issued, and the same month
 * as corrected after a late debit and a late breach; with issue 15's priced packages, overrun approvals and alerts. `node dist/test/support/report-sample.js docs/report-sample`,
 * then `pdftoppm -r 80 -png <file>.pdf <name>` for the pictures.
 */
const at = (position: number, event: ReportEvent, recordedAt = '2027-02-01T12:00:00Z'): PositionedEvent => ({ position, recordedAt, event });
const breach = ticketThree.find((e) => e.type === 'SlaBreached')!;
const lateDebit = accountEvents.at(-1)!;
const timeline = {
  period: '2027-01',
  account: [...agencyAccount.filter((e) => e !== lateDebit).map((e, i) => at(i + 1, e)), at(101, lateDebit, '2027-02-03T13:20:00Z')],
  tickets: [ticketOne.map((e, i) => at(30 + i, e)), agencyTicketTwo.map((e, i) => at(50 + i, e)),
    [...agencyTicketThree.filter((e) => e !== breach).map((e, i) => at(70 + i, e)), at(103, breach, '2027-02-04T09:05:00Z')]],
};
const upTo = (events: readonly PositionedEvent[], position: number) => events.filter((e) => e.position <= position).map((e) => e.event);
const known = (position: number) => buildMonthlyReport({ period: '2027-01', account: upTo(timeline.account, position), tickets: timeline.tickets.map((t) => upTo(t, position)) });
const issue = (position: number, head: string): IssuedReport => ({
  accountId: 'acme', period: '2027-01', position, chain: { head, events: position },
  issuer: { name: 'Agência Exemplo Ltda', document: 'CNPJ 12.345.678/0001-90', contact: 'suporte@agencia.com.br · (11) 4000-0000' },
  layout: 'hourbank.report-document.v3', issuedBy: 'maria', issuedAt: '2027-02-02T12:15:00Z', contentHash: '', formatHashes: {},
});
const finalHead = '5f0c2a9e41b7d3386ac1f0e2b94d7c65e8a1f3029bd4c7e6a15f8093c2d4b7e1';
const dir = process.argv[2] ?? 'docs/report-sample';
mkdirSync(dir, { recursive: true });
const issued = issuedEdition(known, issue(103, finalHead));
const corrected = correctedEdition(known, timeline, issue(100, '9d41c07be2a35f816e0c4b7a29d3e58f1b6a0c7d24e9f3b85c1a6d0e7f29b4c3'), { position: 103, chainHead: finalHead, events: 103 });
writeFileSync(join(dir, 'issued.pdf'), await renderReport(issued, 'pdf'));
writeFileSync(join(dir, 'corrected.pdf'), await renderReport(corrected, 'pdf'));
writeFileSync(join(dir, 'movimentos.csv'), await renderReport(issued, 'csv'));
writeFileSync(join(dir, 'resumo.csv'), await renderReport(issued, 'csv-summary'));
