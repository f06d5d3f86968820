import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { PDFParse } from 'pdf-parse';
import { ApiHarness } from './support/harness.js';
import { created } from './support/hour-bank-fixtures.js';
import type { HttpClient } from './support/http-client.js';

/*
 * March 2026 of a START account (São Paulo, UTC−3), over HTTP with the test clock: plan credit 180, a package
 * of 120, +30 and −20 adjustments, one ticket of 170 minutes (development 120 corrected by −10, meeting 40,
 * test 20) closed and debited, and one ticket nobody answers. The scheduler
 * runs only when the test asks (long interval), so a breach can be recorded after the report was issued.
 */
describe('monthly reports over HTTP', function () {
  this.timeout(120_000);
  let api: ApiHarness;
  let dataDir: string;
  let manager: HttpClient;
  let agent: HttpClient;
  let client: HttpClient;
  let otherClient: HttpClient;
  let account: string;
  const path = () => `/accounts/${account}/reports/2026-03`;

  const ticketAction = async (ticket: string, action: string, by: HttpClient, body: object = {}) =>
    created(await by.post(`/tickets/${ticket}/${action}`, body));

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-reports-'));
    writeFileSync(join(dataDir, 'test-clock.json'), JSON.stringify({ now: '2026-03-02T12:00:00Z' }));
    api = await ApiHarness.start({ testClock: true, dataDir, env: { HOURBANK_SCHEDULER_INTERVAL_MS: '3600000' } });
    manager = await api.as('manager', { sub: 'manager-1' });
    agent = await api.as('agent', { sub: 'agent-1' });
    const open = async (clientName: string) =>
      created(await manager.post('/accounts', { clientName, plan: 'START', firstPeriod: '2026-03', overageRateCentsPerHour: 15030 })).id as string;
    account = await open('Padaria Pão Quente');
    const other = await open('Outra Empresa');
    client = await api.as('client', { sub: 'client-a', accounts: [account] });
    otherClient = await api.as('client', { sub: 'client-b', accounts: [other] });
    await manager.post('/admin/scheduler/tick');
    created(await manager.post(`/accounts/${account}/packages`, { minutes: 120 }));
    created(await manager.post(`/accounts/${account}/adjustments`, { minutes: 30, reason: 'Bônus de implantação' }));
    created(await manager.post(`/accounts/${account}/adjustments`, { minutes: -20, reason: 'Lançamento duplicado' }));
    const worked = created(await client.post('/tickets', { accountId: account, title: 'Cardápio no site', description: 'Atualizar preços', category: 'support' })).id;
    await ticketAction(worked, 'estimate', agent, { minutes: 200, expectedDeliveryAt: '2026-03-04T20:00:00Z' });
    const entry = await ticketAction(worked, 'time-entries', agent, { minutes: 120, activity: 'development', performedOn: '2026-03-02' });
    const entryId = entry.events.find((e: { type: string }) => e.type === 'TimeLogged').data.entryId;
    await ticketAction(worked, `time-entries/${entryId}/corrections`, agent, { minutes: -10, reason: 'Lançado a mais' });
    await ticketAction(worked, 'time-entries', agent, { minutes: 40, activity: 'meeting', performedOn: '2026-03-02' });
    await ticketAction(worked, 'time-entries', agent, { minutes: 20, activity: 'test', performedOn: '2026-03-02' });
    await ticketAction(worked, 'delivery', agent, { summary: 'Preços atualizados' });
    await ticketAction(worked, 'acceptance', client);
    created(await client.post('/tickets', { accountId: account, title: 'Erro no checkout', description: 'Sem resposta', category: 'support' }));
    await manager.post('/admin/scheduler/tick');
    created(await manager.post('/admin/clock', { now: '2026-04-01T12:00:00Z' }));
  });
  after(async () => {
    await api?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the JSON report with the month\'s figures and the log position it was built at', async () => {
    const result = await client.get(path());
    expect(result.status, result.text).to.equal(200);
    expect(result.headers.get('content-type')).to.match(/^application\/json/);
    expect(Number(result.headers.get('report-position'))).to.be.greaterThan(0);
    const report = result.body;
    expect([report.openingBalance, report.credits.totalMinutes, report.negativeAdjustments.totalMinutes, report.tickets.coveredMinutes,
      report.expirations.totalMinutes, report.closingBalance]).to.deep.equal([0, 330, 20, 170, 0, 140]);
    expect(report.tickets.items[0].minutesByActivity).to.deep.equal([
      { activity: 'development', minutes: 110 }, { activity: 'meeting', minutes: 40 }, { activity: 'test', minutes: 20 },
    ]);
    expect(report.sla.firstResponse).to.deep.equal({ met: 1, breached: 0 });
  });

  it('negotiates CSV, HTML and PDF by Accept, and by ?format=', async () => {
    const csv = await client.get(path(), { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
    expect(csv.text).to.include('Saldo final;140;2:20');
    const html = await client.get(path(), { headers: { accept: 'text/html,application/xhtml+xml;q=0.9' } });
    expect(html.headers.get('content-type')).to.match(/^text\/html/);
    expect(html.text).to.include('<td>Saldo inicial</td>');
    expect((await client.get(`${path()}?format=csv`, { headers: { accept: 'application/json' } })).text).to.include('Resumo');
    const pdf = await fetch(api.url + path(), { headers: { accept: 'application/pdf', authorization: `Bearer ${await api.token('client', { sub: 'client-a', accounts: [account] })}` } });
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(await pdf.arrayBuffer()) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(text).to.include('Padaria Pão Quente').and.include('março de 2026').and.include('Reunião');
  });

  it('answers 406 problem+json for a type it does not produce', async () => {
    const byAccept = await client.get(path(), { headers: { accept: 'image/png' } });
    expect(byAccept.status).to.equal(406);
    expect(byAccept.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(byAccept.body.code).to.equal('NOT_ACCEPTABLE');
    expect((await client.get(`${path()}?format=xml`)).status).to.equal(406);
  });

  it('hides another client\'s account behind a 404', async () => {
    const result = await otherClient.get(path());
    expect([result.status, result.body.code]).to.deep.equal([404, 'ACCOUNT_NOT_FOUND']);
    expect((await otherClient.get(`${path()}/diff`)).status).to.equal(404);
  });

  it('refuses a malformed period and one that has not begun', async () => {
    expect((await client.get(`/accounts/${account}/reports/2026-13`)).body.code).to.equal('PERIOD_MUST_BE_A_YEAR_AND_MONTH');
    const future = await client.get(`/accounts/${account}/reports/2026-05`);
    expect([future.status, future.body.code]).to.deep.equal([422, 'REPORT_PERIOD_IN_THE_FUTURE']);
  });

  it('issues only closed periods, by staff', async () => {
    expect((await client.post(`${path()}/issue`)).status).to.equal(403);
    const current = await manager.post(`/accounts/${account}/reports/2026-04/issue`);
    expect([current.status, current.body.code]).to.deep.equal([422, 'REPORT_PERIOD_NOT_CLOSED']);
  });

  it('issues once, shows no change until a late event, and still reproduces the issued hash at the issued position', async () => {
    const issued = await agent.post(`${path()}/issue`);
    expect(issued.status, issued.text).to.equal(201);
    expect(issued.body.contentHash).to.match(/^[0-9a-f]{64}$/);
    const again = await manager.post(`${path()}/issue`);
    expect([again.status, again.body.contentHash, again.body.position]).to.deep.equal([200, issued.body.contentHash, issued.body.position]);

    const quiet = created(await client.get(`${path()}/diff`));
    expect(quiet.changes).to.deep.equal([]);
    expect(quiet.regeneratedAtIssuedPosition.matchesIssued).to.equal(true);

    await manager.post('/admin/scheduler/tick');
    const changed = created(await client.get(`${path()}/diff`));
    expect(changed.changes).to.deep.include({ path: 'sla.firstResponse.breached', before: 0, after: 1 });
    expect(changed.current.position).to.be.greaterThan(issued.body.position);
    expect(changed.current.contentHash).to.not.equal(issued.body.contentHash);
    expect(changed.regeneratedAtIssuedPosition.contentHash).to.equal(issued.body.contentHash);
    expect(changed.regeneratedAtIssuedPosition.formatHashes).to.deep.equal(issued.body.formatHashes);
    expect(changed.regeneratedAtIssuedPosition.matchesIssued).to.equal(true);
  });

  it('keeps its read model among the worker\'s projections, in the shared read-model database', async () => {
    const status = await manager.get('/admin/projections');
    const consumer = status.body.consumers.find((c: { name: string }) => c.name === 'report-account-tickets');
    expect(consumer, status.text).to.include({ kind: 'projection', parked: null });
    expect(consumer.position).to.be.greaterThan(0);
    expect(existsSync(join(dataDir, 'reports.sqlite'))).to.equal(false);
    const rebuilt = await manager.post('/admin/projections/report-account-tickets/rebuild?wait=true');
    expect(rebuilt.status, rebuilt.text).to.equal(200);
    expect((await client.get(path())).status).to.equal(200);
  });

  it('answers 404 for the diff of a report never issued', async () => {
    const result = await manager.get(`/accounts/${account}/reports/2026-02/diff`);
    expect([result.status, result.body.code]).to.deep.equal([404, 'REPORT_ISSUE_NOT_FOUND']);
  });
});
