import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectAccessible, panel, screenshots } from './support/pages.js';
import type { RealServer } from './support/server.js';
import { type Team, useBrowserStack } from './support/team.js';

/** A 1×1 PNG: the screenshot a client attaches. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1a1c80000000049454e44ae426082', 'hex');
/** HOURBANK_SCREENSHOTS_DIR=docs/screenshots keeps them for the docs; otherwise they go to a temporary folder. */
const SHOTS = process.env.HOURBANK_SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'hourbank-shots-'));

describe('The web app in Debian chromium, against the real server on the real store', function () {
  this.timeout(240_000);
  let server: RealServer;
  let team: Team;
  let manager: Page;
  let client: Page;
  let agent: Page;
  let accountA: string;
  let ticketUrl: string;

  /** Waits for the ticket's status badge to say `text`; an error the page shows instead fails at once, with its text. */
  const expectStatus = async (page: Page, text: string) => {
    const alert = page.locator('[role=alert]').first();
    await Promise.race([
      page.locator('.card .meta .badge').first().filter({ hasText: text }).waitFor({ timeout: 30_000 }),
      alert.waitFor({ timeout: 30_000 }).then(async () => { throw new Error(`The page said: ${await alert.textContent()}`); }),
    ]);
  };

  const stack = useBrowserStack();
  before(() => {
    ({ server, team } = stack.current);
  });

  it('creates the first manager with the link `npm start` printed', async () => {
    manager = await team.firstManager('Maria Gestora', 'maria@agencia.test', (page) => expectAccessible(page, 'first manager'));
    const [cookie] = await manager.context().cookies();
    expect(cookie).to.include({ name: 'hb_session', httpOnly: true, secure: true, sameSite: 'Strict' });
  });

  it('lets the manager open an account and invite a client user and an agent, by e-mail', async () => {
    accountA = await team.openAccount('Padaria Pão Quente');
    await manager.getByText('Plano mensal').waitFor();
    client = await team.invite('Joana Cliente', 'joana@padaria.test', 'client', 'Padaria Pão Quente');
    await client.waitForURL(/\/meus-chamados$/);
    agent = await team.invite('Ana Atendente', 'ana@agencia.test', 'agent');
    await agent.waitForURL(/\/fila$/);
  });

  const openTicketAs = async (page: Page, title: string, category: string, participants?: string) => {
    await page.getByRole('link', { name: 'Abrir chamado' }).first().click();
    await page.getByLabel('Título').fill(title);
    await page.getByLabel('Descrição').fill('Desde segunda o relatório mensal dá erro 500.');
    await page.getByLabel('Categoria').selectOption(category);
    if (participants) await page.getByLabel('Participantes do treinamento').fill(participants);
    await page.getByRole('button', { name: 'Abrir chamado' }).click();
    await page.waitForURL(/\/chamados\/[0-9a-f-]{36}$/);
  };

  it('lets the client open a ticket, which gets its number', async () => {
    await openTicketAs(client, 'Relatório de vendas não abre', 'support');
    ticketUrl = client.url();
    await client.getByRole('heading', { name: '#1 Relatório de vendas não abre' }).waitFor();
  });

  it('shows the ticket in the agent\'s queue, and the agent estimates over the available minutes', async () => {
    await agent.reload();
    const row = agent.locator('.queue-item', { hasText: 'Relatório de vendas não abre' });
    await row.getByText('#1').waitFor();
    await row.getByText('Padaria Pão Quente').waitFor();
    await row.getByRole('link').click();
    const estimate = await panel(agent, 'Estimar');
    await estimate.getByText('Disponível na conta para este chamado: 3:00').waitFor();
    await estimate.getByLabel('Horas estimadas (hh:mm)').fill('10:00');
    await estimate.getByText('Acima do disponível').waitFor();
    await estimate.getByRole('button', { name: 'Estimar' }).click();
    await expectStatus(agent, 'Aguardando aprovação');
  });

  it('lets the client approve, seeing what the estimate does to the balance', async () => {
    await client.goto(ticketUrl);
    await client.getByText('Estimativa de 10:00. Disponível hoje: 3:00. Se todas as horas estimadas forem usadas, o disponível fica em −7:00.').waitFor();
    await client.getByText('é faturado no primeiro dia útil do mês seguinte').waitFor();
    await client.getByRole('button', { name: 'Aprovar estimativa' }).click();
    await expectStatus(client, 'Em andamento');
  });

  it('lets the client write with a screenshot; the agent reads it, adds an internal note the client never sees, and takes the ticket', async () => {
    const conversation = (page: Page) => page.locator('.card', { has: page.getByRole('heading', { name: 'Conversa' }) });
    const talk = conversation(client);
    await talk.getByLabel('Mensagem').fill('Resultado esperado: o relatório abre em poucos segundos.');
    await talk.getByLabel('Anexos (prints, documentos)').setInputFiles({ name: 'tela-erro.png', mimeType: 'image/png', buffer: PNG });
    await talk.getByRole('button', { name: 'Enviar mensagem' }).click();
    await talk.getByRole('link', { name: 'tela-erro.png' }).waitFor();
    await agent.reload();
    const staff = conversation(agent);
    await staff.getByText('Resultado esperado: o relatório abre em poucos segundos.').waitFor();
    const href = await staff.getByRole('link', { name: 'tela-erro.png' }).getAttribute('href');
    const bytes = await agent.evaluate(async (url) => [...new Uint8Array(await (await fetch(url!, { credentials: 'same-origin' })).arrayBuffer())], href);
    expect(Buffer.from(bytes).equals(PNG)).to.equal(true);
    await staff.getByLabel('Mensagem').fill('Parece o índice da tabela de vendas.');
    await staff.getByLabel('Nota interna (o cliente não vê)').check();
    await staff.getByRole('button', { name: 'Enviar mensagem' }).click();
    await staff.getByText('nota interna').waitFor();
    const assignment = agent.locator('.card', { has: agent.getByRole('heading', { name: 'Responsável' }) });
    await assignment.getByLabel('Responsável').selectOption({ label: 'Ana Atendente (você)' });
    await assignment.getByRole('button', { name: 'Atribuir' }).click();
    await agent.getByText('Responsável: Ana Atendente').waitFor();
    await assignment.getByLabel('Prioridade').selectOption('high');
    await assignment.getByRole('button', { name: 'Mudar prioridade' }).click();
    await agent.getByText('Prioridade: Alta').waitFor();
    await agent.goto(`${server.url}/fila`);
    await agent.getByLabel('Responsável').selectOption('me');
    await agent.locator('.queue-item', { hasText: 'Relatório de vendas não abre' }).getByText('Alta').waitFor();
    await client.reload();
    await conversation(client).getByRole('link', { name: 'tela-erro.png' }).waitFor();
    await client.getByText('Responsável: Ana Atendente').waitFor();
    expect(await client.getByText('Parece o índice da tabela de vendas.').count()).to.equal(0);
    await agent.goto(ticketUrl);
  });

  it('lets the agent log time and deliver', async () => {
    await agent.reload();
    const log = await panel(agent, 'Lançar horas');
    await log.getByLabel('Duração (hh:mm)').fill('4:00');
    await log.getByLabel('Atividade').selectOption('development');
    await log.getByLabel('Observação').fill('Índice criado na tabela de vendas');
    await log.getByRole('button', { name: 'Lançar horas' }).click();
    await agent.getByText('Horas lançadas: 4:00').waitFor();
    const deliver = await panel(agent, 'Entregar');
    await deliver.getByLabel('Resumo da entrega').fill('Consulta otimizada; relatório abre em 2 s.');
    await deliver.getByRole('button', { name: 'Entregar' }).click();
    await expectStatus(agent, 'Entregue');
  });

  it('lets the client accept; the timeline says who did what and when', async () => {
    await client.reload();
    await expectStatus(client, 'Entregue');
    await client.getByRole('button', { name: 'Aceitar entrega' }).click();
    await expectStatus(client, 'Encerrado');
    const timeline = client.locator('.timeline');
    for (const line of ['Joana Cliente', 'abriu o chamado', 'Ana Atendente', 'estimou', 'aprovou a estimativa', 'lançou horas', 'entregou', 'encerrou']) {
      await timeline.getByText(line).first().waitFor();
    }
  });

  it('shows the debit in the balance, the ledger and the month\'s report', async () => {
    await client.goto(`${server.url}/contas/${accountA}`);
    await client.locator('.figure', { hasText: 'Saldo' }).getByText('0:00').waitFor();
    await client.locator('.figure', { hasText: 'Excedente no mês' }).getByText('1:00').waitFor();
    const ledger = await panel(client, 'Extrato (todos os eventos)');
    await ledger.getByText('TicketDebited').waitFor();
    const period = await client.locator('select').first().locator('option').first().getAttribute('value');
    await client.locator('select').first().selectOption(period!);
    const csv = await client.evaluate(async (href) => (await fetch(href, { credentials: 'same-origin' })).text(),
      (await client.getByRole('link', { name: 'Baixar CSV' }).getAttribute('href'))!);
    // One flat table of movements: the ticket's debit is a row (here all of it a shortfall, the balance being empty).
    expect(csv).to.match(/^\uFEFF?Data;Hora;Tipo;Lote;/);
    expect(csv).to.match(/;(Débito de chamado|Excedente);[^\r\n]*;#1;Relatório de vendas não abre;/);
    const pdf = await client.evaluate(async (href) => (await fetch(href, { credentials: 'same-origin' })).headers.get('content-type'),
      (await client.getByRole('link', { name: 'Baixar PDF' }).getAttribute('href'))!);
    expect(pdf).to.equal('application/pdf');
  });

  it('never shows a client another client\'s data', async () => {
    await team.openAccount('Outra Empresa');
    const other = await team.invite('Otto Outro', 'otto@outra.test', 'client', 'Outra Empresa');
    await other.getByText('Nenhum chamado ainda.').waitFor();
    await other.goto(ticketUrl);
    await other.getByRole('heading', { name: 'Não encontrado.' }).waitFor();
    expect(await other.getByText('Relatório de vendas não abre').count()).to.equal(0);
    await other.goto(`${server.url}/contas/${accountA}`);
    await other.getByRole('heading', { name: 'Não encontrado.' }).waitFor();
    expect(await other.getByText('Padaria Pão Quente').count()).to.equal(0);
    await other.goto(`${server.url}/contas`);
    expect(await other.getByText('Padaria Pão Quente').count()).to.equal(0);
    const api = await other.evaluate(async (id) => (await fetch(`/tickets/${id}/history`, { credentials: 'same-origin' })).status, ticketUrl.split('/').at(-1));
    expect(api).to.equal(404);
  });

  it('passes axe-core with no serious violation on each main page, and keeps their screenshots', async () => {
    await openTicketAs(client, 'Treinamento da equipe no painel', 'training', 'Joana\nCarlos\nBeatriz');
    await client.getByRole('heading', { name: '#2 Treinamento da equipe no painel' }).waitFor();
    const pages: [Page, string, string][] = [
      [agent, '/fila', 'fila-atendente'], [agent, ticketUrl, 'chamado-atendente'], [client, '/meus-chamados', 'meus-chamados-cliente'],
      [client, ticketUrl, 'chamado-cliente'], [client, '/novo-chamado', 'novo-chamado'], [client, `/contas/${accountA}`, 'saldo-cliente'],
      [manager, '/contas', 'contas-gestor'], [manager, `/contas/${accountA}`, 'conta-gestor'], [manager, '/usuarios', 'usuarios'],
      [manager, '/chaves', 'chaves-api'], [manager, '/calendarios', 'calendarios'], [manager, '/operacao', 'operacao'],
      [manager, `/auditoria?fluxo=ticket-${ticketUrl.split('/').at(-1)}`, 'auditoria'],
    ];
    for (const [page, path, name] of pages) {
      await page.goto(path.startsWith('http') ? path : `${server.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await expectAccessible(page, name);
      await screenshots(page, SHOTS, name);
    }
    const signIn = await team.person();
    await signIn.goto(`${server.url}/entrar`);
    await signIn.getByRole('heading', { name: 'Entrar' }).waitFor();
    await expectAccessible(signIn, 'entrar');
    await screenshots(signIn, SHOTS, 'entrar');
  });
  it('lets the agent estimate a training with its execution plan, then ask the client for more hours, which the client approves', async () => {
    await agent.goto(`${server.url}/fila`);
    await agent.locator('.queue-item', { hasText: 'Treinamento da equipe no painel' }).getByRole('link').click();
    const estimate = await panel(agent, 'Estimar');
    await estimate.getByLabel('Horas estimadas (hh:mm)').fill('1:00');
    await estimate.getByLabel('Plano de execução combinado').fill('1. Mostrar o painel\n2. A equipe cria os filtros');
    await estimate.getByLabel('Quem executa').selectOption('clientAssisted');
    await estimate.getByRole('button', { name: 'Estimar' }).click();
    await expectStatus(agent, 'Aguardando aprovação');
    const training = agent.url();
    await client.goto(training);
    await client.getByRole('button', { name: 'Aprovar estimativa' }).click();
    await expectStatus(client, 'Em andamento');
    await agent.reload();
    const log = await panel(agent, 'Lançar horas');
    await log.getByLabel('Duração (hh:mm)').fill('1:06');
    await log.getByLabel('Atividade').selectOption('training');
    await log.getByRole('button', { name: 'Lançar horas' }).click();
    await agent.getByText('Horas lançadas: 1:06').waitFor();
    const more = await panel(agent, 'Pedir mais horas ao cliente');
    await more.getByLabel('Horas a mais (hh:mm)').fill('1:00');
    await more.getByLabel('Por que são necessárias').fill('A equipe pediu mais uma rodada de exercícios.');
    await more.getByRole('button', { name: 'Pedir mais horas ao cliente' }).click();
    await expectStatus(agent, 'Aguardando aprovação');
    await client.reload();
    await client.getByText('Pedido de mais horas: de 1:00 aprovadas para 2:00.').waitFor();
    await client.getByRole('button', { name: 'Aprovar estimativa' }).click();
    await expectStatus(client, 'Em andamento');
    await client.getByText('Estimativa: 2:00').waitFor();
  });
});
