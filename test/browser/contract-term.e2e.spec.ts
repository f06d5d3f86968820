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

describe("The contract's term and the monthly report on screen (issue 15) in Debian chromium, against the real server", function () {
  this.timeout(240_000);
  let server: RealServer;
  let team: Team;
  let manager: Page;
  let client: Page;
  let account: string;
  const now = periodAhead(0);
  const last = periodAhead(2);
  const renewed = periodAhead(5);

  const stack = useBrowserStack();
  before(async () => {
    ({ server, team } = stack.current);
    manager = await team.firstManager('Maria Gestora', 'maria@agencia.test');
  });

  it('opens a fixed-term contract, refusing a last month before the first readably, and shows the end', async () => {
    await manager.goto(`${server.url}/contas`);
    const open = await panel(manager, 'Abrir conta');
    await open.getByLabel('Cliente').fill('Padaria Prazo');
    await open.getByLabel('Último mês (prazo determinado, AAAA-MM)').fill('2020-01');
    await open.getByRole('button', { name: 'Abrir conta' }).click();
    await open.getByRole('alert').getByText('O último mês precisa ser este mês ou um seguinte (e não antes do primeiro mês do contrato).').waitFor();
    await open.getByLabel('Último mês (prazo determinado, AAAA-MM)').fill(last);
    await open.getByRole('button', { name: 'Abrir conta' }).click();
    await manager.waitForURL(/\/contas\/[0-9a-f-]{36}$/);
    account = manager.url().split('/').at(-1)!;
    const term = card(manager, 'Vigência do contrato');
    await term.getByText(`O contrato vale até o fim de ${last}.`).waitFor();
    await term.getByText('Contrato por prazo determinado').waitFor();
    client = await team.invite('Carla Cliente', 'carla@prazo.test', 'client', 'Padaria Prazo');
  });

  it('renews, gives notice (a blank reason refused with its sentence), withdraws it and schedules it again', async () => {
    await manager.goto(`${server.url}/contas/${account}`);
    const term = card(manager, 'Vigência do contrato');
    const renew = await panel(manager, 'Renovar o contrato');
    await renew.getByLabel('Novo último mês').selectOption(renewed);
    await renew.getByRole('button', { name: 'Renovar o contrato' }).click();
    await term.getByText(`O contrato vale até o fim de ${renewed}.`).waitFor();
    await term.getByText('Renovado até este mês.').waitFor();
    const notice = await panel(manager, 'Mudar o término');
    await notice.getByLabel('Último mês').selectOption(now);
    await notice.getByLabel('Motivo do término').fill('   ');
    await notice.getByRole('button', { name: 'Registrar término' }).click();
    await notice.getByRole('alert').getByText('Diga o motivo do término.').waitFor();
    await term.getByText(`O contrato vale até o fim de ${renewed}.`).waitFor();
    await notice.getByLabel('Motivo do término').fill('Aviso prévio recebido');
    await notice.getByRole('button', { name: 'Registrar término' }).click();
    await term.getByText(`O contrato vale até o fim de ${now}.`).waitFor();
    await term.getByText('Aviso prévio recebido').waitFor();
    await term.getByRole('button', { name: 'Desistir do término' }).click();
    await term.getByText('Sem data para terminar: o contrato se renova a cada mês.').waitFor();
    expect(await manager.locator('summary', { hasText: 'Renovar o contrato' }).count()).to.equal(0);
    const again = await panel(manager, 'Agendar o término');
    await again.getByLabel('Último mês').selectOption(last);
    await again.getByLabel('Motivo do término').fill('Encerramento combinado');
    await again.getByRole('button', { name: 'Registrar término' }).click();
    await card(manager, 'Vigência do contrato').getByText(`O contrato vale até o fim de ${last}.`).waitFor();
    await expectAccessible(manager, 'conta-vigencia');
    await screenshots(manager, SHOTS, 'conta-vigencia');
  });

  it('shows the client the end with no control', async () => {
    await client.goto(`${server.url}/contas/${account}`);
    await card(client, 'Vigência do contrato').getByText(`O contrato vale até o fim de ${last}.`).waitFor();
    for (const summary of ['Mudar o término', 'Agendar o término', 'Renovar o contrato']) expect(await client.locator('summary', { hasText: summary }).count(), summary).to.equal(0);
    expect(await client.getByRole('button', { name: 'Desistir do término' }).count()).to.equal(0);
  });

  it("renders the month's report on screen with the package prices and sales, the alerts and the Vigência line", async () => {
    await manager.goto(`${server.url}/contas/${account}`);
    const sell = await panel(manager, 'Vender pacote');
    await sell.getByLabel('Horas do pacote (hh:mm)').fill('10:00');
    await sell.getByLabel('Preço do pacote (R$)').fill('1.800,00');
    await sell.getByRole('button', { name: 'Vender pacote' }).click();
    await manager.locator('.figure', { hasText: 'Saldo' }).getByText('13:00', { exact: true }).waitFor();
    await sell.getByLabel('Preço do pacote (R$)').fill('');
    await sell.getByLabel('Horas do pacote (hh:mm)').fill('1:00');
    await sell.getByRole('button', { name: 'Vender pacote' }).click();
    await manager.locator('.figure', { hasText: 'Saldo' }).getByText('14:00', { exact: true }).waitFor();
    const alerts = await panel(manager, 'Salvar alertas');
    await alerts.getByLabel('Avisar quando o saldo ficar abaixo de (hh:mm)').fill('13:00');
    await alerts.getByRole('button', { name: 'Salvar alertas' }).click();
    await card(manager, 'Alertas').getByText(/Saldo abaixo de 13:00/).waitFor();
    const adjust = await panel(manager, 'Ajuste manual');
    await adjust.getByLabel('Horas (± hh:mm)').fill('-2:00');
    await adjust.getByLabel('Motivo').fill('Horas de implantação');
    await adjust.getByRole('button', { name: 'Ajuste manual' }).click();
    await manager.locator('.figure', { hasText: 'Saldo' }).getByText('12:00', { exact: true }).waitFor();

    for (const [page, name] of [[manager, 'relatorio-gestor'], [client, 'relatorio-cliente']] as const) {
      await page.goto(`${server.url}/contas/${account}`);
      await card(page, 'Relatórios mensais').getByLabel('Mês').selectOption(now);
      await page.getByRole('link', { name: 'Ver no app' }).click();
      await page.waitForURL(new RegExp(`/contas/${account}/relatorios/${now}$`));
      const lastDay = await page.locator('dl.terms dd').nth(2).textContent();
      expect(lastDay).to.match(/^Contrato encerra em \d{2}\/\d{2}\/\d{4}$/);
      const packages = card(page, 'Pacotes comprados no período');
      await packages.locator('tr', { hasText: 'R$ 1.800,00' }).first().waitFor();
      await packages.getByRole('cell', { name: 'sem preço', exact: true }).waitFor();
      await packages.getByText('Receita de pacotes do período (2 pacotes, 1 sem preço registrado)').waitFor();
      const credits = card(page, 'Créditos do período');
      await credits.locator('tr', { hasText: 'R$ 1.800,00' }).waitFor();
      const alert = card(page, 'Alertas emitidos no período').locator('tr', { hasText: 'Saldo baixo' });
      await alert.getByText('Saldo de 12:00, abaixo do limite de 13:00').waitFor();
      await card(page, 'Horas além da estimativa aprovada (novas aprovações)').getByText('Nenhum pedido de horas além da estimativa no período.').waitFor();
      await card(page, 'Ajustes negativos').getByText('Horas de implantação').waitFor();
      await card(page, 'Resumo do período').locator('tr', { hasText: 'Saldo final' }).getByText('12:00').waitFor();
      await expectAccessible(page, name);
      await screenshots(page, SHOTS, name);
    }
  });
});
