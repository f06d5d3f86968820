import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { card, expectAccessible, panel, periodAhead, screenshots } from './support/pages.js';
import type { RealServer } from './support/server.js';
import { type Team, useBrowserStack } from './support/team.js';

/** HOURBANK_SCREENSHOTS_DIR=docs/screenshots keeps them for the docs; otherwise they go to a temporary folder. */
const SHOTS = process.env.HOURBANK_SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), 'hourbank-shots-'));

describe("The agency's contract screens (issue 15) in Debian chromium, against the real server", function () {
  this.timeout(240_000);
  let server: RealServer;
  let team: Team;
  let manager: Page;
  let agent: Page;
  let client: Page;
  let account: string;
  const next = periodAhead(1);

  const stack = useBrowserStack();
  before(async () => {
    ({ server, team } = stack.current);
    manager = await team.firstManager('Maria Gestora', 'maria@agencia.test');
    account = await team.openAccount('Clínica Sorriso', 'BASIC');
    agent = await team.invite('Bruno Atendente', 'bruno@agencia.test', 'agent');
    client = await team.invite('Carla Cliente', 'carla@sorriso.test', 'client', 'Clínica Sorriso');
  });

  it('shows the manager the plan catalog and records a revision from next month, refusing a CUSTOM under 20:00 readably', async () => {
    await manager.goto(`${server.url}/planos`);
    const current = card(manager, /^Catálogo do mês \d{4}-\d{2}$/);
    await current.locator('tr', { hasText: 'BASIC' }).getByText('7:00').waitFor();
    await current.locator('tr', { hasText: 'BASIC' }).getByText('Grupo de WhatsApp, Gerente de conta').waitFor();
    const revise = card(manager, 'Revisar um plano');
    await revise.getByLabel('Plano').selectOption('CUSTOM');
    await revise.getByLabel('Horas por mês (hh:mm)').fill('10:00');
    await revise.getByRole('button', { name: 'Registrar revisão' }).click();
    await revise.getByRole('alert').getByText('O plano CUSTOM começa em 20:00 por mês.').waitFor();
    await revise.getByLabel('Plano').selectOption('BASIC');
    await revise.getByLabel('Horas por mês (hh:mm)').fill('8:00');
    await revise.getByLabel('Preço mensal (R$)').fill('990,00');
    await revise.getByLabel('Vale a partir de').selectOption(next);
    await revise.getByRole('button', { name: 'Registrar revisão' }).click();
    await revise.getByText('Revisão registrada.').waitFor();
    const scheduled = card(manager, 'Revisões agendadas para meses seguintes');
    const row = scheduled.locator('tr', { hasText: 'BASIC' });
    for (const text of ['8:00', 'R$ 990,00', next]) await row.getByText(text, { exact: true }).waitFor();
    await card(manager, 'Todas as revisões registradas').locator('tr', { hasText: 'BASIC' }).getByText('8:00').waitFor();
    // This month's catalog is unchanged; next month's is version 2 with the revised BASIC.
    expect(await current.locator('tr', { hasText: 'BASIC' }).locator('td').first().textContent()).to.equal('7:00');
    await current.getByText('Última versão registrada do catálogo: 2.').waitFor();
    await manager.getByLabel('Catálogo do mês', { exact: true }).selectOption(next);
    const later = card(manager, `Catálogo do mês ${next}`).locator('tr', { hasText: 'BASIC' });
    await later.getByText('8:00').waitFor();
    expect(await later.locator('td').nth(5).textContent()).to.equal(next);
    await expectAccessible(manager, 'planos');
    await screenshots(manager, SHOTS, 'planos');
    // A contract opened from next month is offered the revised BASIC; one opened this month the BASIC in force now.
    await manager.goto(`${server.url}/contas`);
    const open = await panel(manager, 'Abrir conta');
    await open.locator('option', { hasText: 'BASIC (7:00/mês)' }).waitFor({ state: 'attached' });
    await open.getByLabel('Primeiro mês (AAAA-MM)').fill(next);
    await open.locator('option', { hasText: 'BASIC (8:00/mês · R$ 990,00)' }).waitFor({ state: 'attached' });
  });

  it('lets the manager name the account manager and the WhatsApp group, which the client sees without any control', async () => {
    await manager.goto(`${server.url}/contas/${account}`);
    // A plan change applies from next month: it offers the revised BASIC.
    await (await panel(manager, 'Mudar plano (vale a partir do mês seguinte)')).locator('option', { hasText: 'BASIC (8:00/mês · R$ 990,00)' }).waitFor({ state: 'attached' });
    const service = card(manager, 'Atendimento do plano');
    await service.getByText('Grupo de WhatsApp, Gerente de conta').waitFor();
    await service.getByText('Nenhum gerente de conta.').waitFor();
    const assign = await panel(manager, 'Definir gerente');
    await assign.getByLabel('Gerente de conta').selectOption({ label: 'Bruno Atendente (Atendente)' });
    await assign.getByRole('button', { name: 'Definir gerente' }).click();
    await service.locator('dd', { hasText: 'Bruno Atendente' }).waitFor();
    const channels = await panel(manager, 'Salvar grupos');
    await channels.getByLabel('Grupo de WhatsApp').fill('https://chat.whatsapp.com/SorrisoSuporte');
    await channels.getByRole('button', { name: 'Salvar grupos' }).click();
    await service.getByRole('link', { name: 'https://chat.whatsapp.com/SorrisoSuporte' }).waitFor();

    await client.goto(`${server.url}/contas/${account}`);
    const seen = card(client, 'Atendimento do plano');
    await seen.locator('dd', { hasText: 'Bruno Atendente' }).waitFor();
    await seen.getByRole('link', { name: 'https://chat.whatsapp.com/SorrisoSuporte' }).waitFor();
    expect(await client.locator('summary', { hasText: 'Definir gerente' }).count()).to.equal(0);
    expect(await client.getByRole('heading', { name: 'Termos do contrato' }).count()).to.equal(0);
    await expectAccessible(client, 'saldo-cliente-atendimento');
  });

  it('records an amendment from next month, shows it scheduled and in the history, and explains a refused time zone', async () => {
    await manager.reload();
    const terms = card(manager, 'Termos do contrato');
    await terms.getByText('Nenhum aditivo registrado.').waitFor();
    const amend = await panel(manager, 'Aditivo ao contrato');
    await amend.getByLabel('Vale a partir de (AAAA-MM)').selectOption(next);
    await amend.getByLabel('Novo fuso (IANA, ex. America/Manaus)').fill('Marte/Olympus');
    await amend.getByLabel('Motivo (ex.: aditivo assinado em…)').fill('Aditivo 1');
    await amend.getByRole('button', { name: 'Registrar aditivo' }).click();
    const refusal = amend.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).to.match(/timeZone/);
    await amend.getByLabel('Novo fuso (IANA, ex. America/Manaus)').fill('');
    await amend.getByLabel('Nova hora excedente (R$)').fill('200,00');
    await amend.getByLabel('Novo nome do cliente').fill('Clínica Sorriso Ltda.');
    await amend.getByLabel('Motivo (ex.: aditivo assinado em…)').fill('Aditivo 1, assinado em 01/12');
    await amend.getByRole('button', { name: 'Registrar aditivo' }).click();
    await amend.getByText('Feito.').waitFor();
    await terms.locator('li', { hasText: next }).getByText('Cliente: Clínica Sorriso Ltda. · Hora excedente: R$ 200,00').waitFor();
    const history = terms.locator('tr', { hasText: 'Aditivo 1, assinado em 01/12' });
    await history.getByText(next).waitFor();
    await history.getByText(/Maria Gestora/).waitFor();
    // The terms in force this month did not change.
    await terms.locator('dd', { hasText: 'R$ 150,00' }).waitFor();
    await manager.getByRole('heading', { name: 'Clínica Sorriso', exact: true }).waitFor();
  });

  it('changes the alert settings', async () => {
    const alerts = card(manager, 'Alertas');
    await alerts.getByText('Saldo abaixo de 1:00 · lotes 30 dias antes de vencer').waitFor();
    const form = await panel(manager, 'Salvar alertas');
    await form.getByLabel('Avisar quando o saldo ficar abaixo de (hh:mm)').fill('2:00');
    await form.getByLabel('Avisar dias antes de um lote vencer').fill('15');
    await form.getByRole('button', { name: 'Salvar alertas' }).click();
    await alerts.getByText('Saldo abaixo de 2:00 · lotes 15 dias antes de vencer').waitFor();
  });

  it('schedules recurring maintenance, edits it (a new schedule replaces the old) and stops it', async () => {
    const maintenance = card(manager, 'Manutenções recorrentes');
    await maintenance.getByText('Nenhuma manutenção agendada.').waitFor();
    const form = await panel(manager, 'Agendar manutenção');
    await form.getByLabel('Tipo').selectOption('backup');
    await form.getByLabel('Título').fill('Backup do site');
    await form.getByLabel('Dia do mês (1–28)').fill('5');
    await form.getByLabel('A partir do mês (AAAA-MM)').selectOption(next);
    await form.getByRole('button', { name: 'Agendar manutenção' }).click();
    const active = maintenance.locator('li.schedule', { hasText: 'Backup do site' }).first();
    await active.getByText(`todo mês, dia 5 às 09:00 · A partir do mês (AAAA-MM): ${next}`).waitFor();
    await active.getByText(new RegExp(`Próxima: 05/${next.slice(5)}/${next.slice(0, 4)} às 09:00`)).waitFor();
    const edit = await panel(manager, 'Editar: Backup do site');
    await edit.getByLabel('A cada (meses)').selectOption('3');
    await edit.getByRole('button', { name: 'Salvar alterações' }).click();
    const terms = (text: string) => maintenance.locator('li.schedule').filter({ has: manager.locator('span.muted', { hasText: text }) });
    await terms('a cada 3 meses').getByText(`Próxima: 05/${next.slice(5)}/${next.slice(0, 4)} às 09:00`).waitFor();
    await terms('todo mês').getByText('Encerrada').waitFor();
    await expectAccessible(manager, 'conta-contrato');
    await screenshots(manager, SHOTS, 'conta-contrato');
    await maintenance.getByRole('button', { name: 'Encerrar: Backup do site' }).click();
    await terms('a cada 3 meses').getByText('Encerrada').waitFor();
    // The stopped row's button is gone: the card says so, and the focus is on its heading, not lost on the page.
    await maintenance.getByRole('status').getByText('Agendamento encerrado: Backup do site.').waitFor();
    expect(await manager.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).to.equal('Manutenções recorrentes');
    await manager.reload();
    await terms('a cada 3 meses').getByText('Encerrada').waitFor();
    expect(await card(manager, 'Manutenções recorrentes').locator('li.schedule').getByText('Encerrada').count()).to.equal(2);
    expect(await manager.getByRole('button', { name: 'Encerrar: Backup do site' }).count()).to.equal(0);
  });

  it('shows an agent the contract read-only, refuses the catalog page, and the API refuses the agent a revision', async () => {
    await agent.goto(`${server.url}/contas/${account}`);
    await card(agent, 'Termos do contrato').getByText('Aditivo 1, assinado em 01/12').waitFor();
    await card(agent, 'Alertas').getByText('Saldo abaixo de 2:00 · lotes 15 dias antes de vencer').waitFor();
    for (const summary of ['Aditivo ao contrato', 'Salvar alertas', 'Agendar manutenção', 'Definir gerente', 'Salvar grupos']) {
      expect(await agent.locator('summary', { hasText: summary }).count(), summary).to.equal(0);
    }
    expect(await agent.getByRole('link', { name: 'Planos' }).count()).to.equal(0);
    await agent.goto(`${server.url}/planos`);
    await agent.getByRole('alert').getByText('Só gestores e auditores consultam o catálogo aqui.').waitFor();
    const status = await agent.evaluate(async () => (await fetch('/plans/BASIC', {
      method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ monthlyMinutes: 60, firstResponseBusinessMinutes: 60, extras: [] }),
    })).status);
    expect(status).to.be.oneOf([403, 401]);
  });

  it('lets an auditor read the catalog and its revisions, with nothing to change', async () => {
    const auditor = await team.invite('Ivo Auditor', 'ivo@auditoria.test', 'auditor');
    await auditor.getByRole('link', { name: 'Planos' }).click();
    await card(auditor, 'Todas as revisões registradas').locator('tr', { hasText: 'BASIC' }).getByText('R$ 990,00').waitFor();
    expect(await auditor.getByRole('heading', { name: 'Revisar um plano' }).count()).to.equal(0);
    await auditor.goto(`${server.url}/contas/${account}`);
    await card(auditor, 'Termos do contrato').getByText('Aditivo 1, assinado em 01/12').waitFor();
    expect(await auditor.locator('summary', { hasText: 'Aditivo ao contrato' }).count()).to.equal(0);
  });

  it('lets the client open a ticket with its priority, and the manager filter the queue by a named assignee', async () => {
    const open = async (title: string, priority: string) => {
      await client.goto(`${server.url}/novo-chamado`);
      await client.getByLabel('Conta').locator('option', { hasText: 'Clínica Sorriso' }).waitFor({ state: 'attached' });
      await client.getByLabel('Título').fill(title);
      await client.getByLabel('Descrição').fill('O agendamento online mostra horários já ocupados.');
      await client.getByLabel('Prioridade').selectOption(priority);
      await client.getByRole('button', { name: 'Abrir chamado' }).click();
      await client.waitForURL(/\/chamados\/[0-9a-f-]{36}$/);
      return client.url();
    };
    const urgent = await open('Agenda online com horários errados', 'urgent');
    await client.getByText('Prioridade:').locator('strong', { hasText: 'Urgente' }).waitFor();
    await open('Trocar foto da equipe', 'low');
    await manager.goto(urgent);
    const assignment = card(manager, 'Responsável');
    await assignment.getByLabel('Responsável').selectOption({ label: 'Bruno Atendente' });
    await assignment.getByRole('button', { name: 'Atribuir' }).click();
    await manager.getByText('Responsável: Bruno Atendente').waitFor();
    await manager.goto(`${server.url}/fila`);
    await manager.locator('.queue-item', { hasText: 'Trocar foto da equipe' }).waitFor();
    await manager.getByLabel('Responsável').selectOption({ label: 'Bruno Atendente' });
    const item = manager.locator('.queue-item', { hasText: 'Agenda online com horários errados' });
    await item.getByText('Urgente').waitFor();
    await item.getByText('Responsável: Bruno Atendente').waitFor();
    await manager.locator('.queue-item', { hasText: 'Trocar foto da equipe' }).waitFor({ state: 'detached' });
    expect(await manager.locator('.queue-item').count()).to.equal(1);
    await expectAccessible(manager, 'fila-por-responsavel');
    await screenshots(manager, SHOTS, 'fila-por-responsavel');
  });
});
