import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { SmtpSink } from '../../reliability/notifier-support/smtp-sink.js';
import { CHROMIUM, Chromium, chromiumAvailable } from './chromium.js';
import { panel } from './pages.js';
import { RealServer } from './server.js';

export const PASSWORD = 'uma-senha-longa-1';

const linkIn = (text: string): string => /(http:\/\/localhost:\d+\/convite#\S+)/.exec(text)![1]!;

/** The people of a browser test: each in their own chromium profile, signed in through the app's own pages. */
export class Team {
  manager!: Page;
  private readonly pages: Page[] = [];

  constructor(private readonly server: RealServer, private readonly smtp: SmtpSink, private readonly chromium: Chromium) {}

  async person(): Promise<Page> {
    const context = await this.chromium.person();
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    this.pages.push(page);
    return page;
  }

  /**
   * What a failed wait leaves to go on: each person's page (its address and the text it showed), the consumers'
   * positions against the head as the manager's session reads them, and the end of the server's output.
   */
  async describeFailure(): Promise<string> {
    const lines: string[] = [];
    for (const [index, page] of this.pages.entries()) {
      if (page.isClosed()) continue;
      const text = await page.locator('body').innerText({ timeout: 2000 }).catch((error: Error) => `(no text: ${error.message.split('\n')[0]})`);
      lines.push(`page ${index} at ${page.url()}:`, text.replace(/\s+/g, ' ').slice(0, 1500));
    }
    if (this.manager && !this.manager.isClosed()) {
      const projections = await this.manager.evaluate(async () => {
        const response = await fetch('/admin/projections', { credentials: 'same-origin' });
        if (!response.ok) return `HTTP ${response.status}`;
        const body = (await response.json()) as { headPosition: number; consumers: { name: string; position: number | null; state: string }[] };
        return `head ${body.headPosition}: ${body.consumers.map((c) => `${c.name} ${c.state} @${c.position}`).join(', ')}`;
      }).catch((error: Error) => `(no projections: ${error.message.split('\n')[0]})`);
      lines.push(`projections: ${projections}`);
    }
    lines.push(`server output (end): ${this.server.output().slice(-1500)}`);
    return lines.join('\n');
  }

  /** The first manager, through the link the server printed. */
  async firstManager(name: string, email: string, check?: (page: Page) => Promise<void>): Promise<Page> {
    this.manager = await this.person();
    await this.manager.goto(this.server.firstManagerLink);
    await check?.(this.manager);
    await this.manager.getByLabel('Nome').fill(name);
    await this.manager.getByLabel('E-mail').fill(email);
    await this.manager.getByLabel('Nova senha').fill(PASSWORD);
    await this.manager.getByLabel('Repita a senha').fill(PASSWORD);
    await this.manager.getByRole('button', { name: 'Criar gestor e entrar' }).click();
    await this.manager.waitForURL(/\/fila$/);
    return this.manager;
  }

  /** The manager invites someone; the person opens the link from the mail the SMTP server got and sets a password. */
  async invite(name: string, email: string, role: string, accountName?: string): Promise<Page> {
    const manager = this.manager;
    await manager.goto(`${this.server.url}/usuarios`);
    const form = await panel(manager, 'Convidar');
    await form.getByLabel('Nome').fill(name);
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('Papel').selectOption(role);
    if (accountName) {
      await form.getByLabel('Acesso à conta').selectOption({ label: accountName });
      await form.getByRole('button', { name: 'Adicionar conta' }).click();
    }
    const before = this.smtp.received.length;
    await form.getByRole('button', { name: 'Convidar' }).click();
    await manager.getByText('Convite enviado por e-mail.').waitFor();
    // The invitation mail goes out from the notifier's reactor, behind the request: seconds on a loaded box.
    const mail = (await this.smtp.waitFor(before + 1, 30_000))[before];
    if (!mail) throw new Error(`No invitation mail for ${email} within 30 s`);
    expect(mail.to).to.deep.equal([email]);
    const page = await this.person();
    await page.goto(linkIn(mail.text));
    await page.getByText(`Convite para ${name}`).waitFor();
    await page.getByLabel('Nova senha').fill(PASSWORD);
    await page.getByLabel('Repita a senha').fill(PASSWORD);
    await page.getByRole('button', { name: 'Criar senha e entrar' }).click();
    await page.getByRole('button', { name: 'Sair' }).waitFor();
    return page;
  }

  /** The manager opens an account (a plan, START unless named) and lands on its page; its id. */
  async openAccount(clientName: string, plan?: string): Promise<string> {
    const manager = this.manager;
    await manager.goto(`${this.server.url}/contas`);
    const form = await panel(manager, 'Abrir conta');
    await form.getByLabel('Cliente').fill(clientName);
    if (plan) await form.getByLabel('Plano', { exact: true }).selectOption(plan);
    await form.getByRole('button', { name: 'Abrir conta' }).click();
    await manager.waitForURL(/\/contas\/[0-9a-f-]{36}$/);
    return manager.url().split('/').at(-1)!;
  }
}

/** What a browser spec runs against: a real SMTP server, the real server process, chromium, and the team in it. */
export interface BrowserStack {
  readonly smtp: SmtpSink;
  readonly server: RealServer;
  readonly team: Team;
}

/**
 * Starts the stack in a `before` hook, or skips the suite visibly when Debian's chromium is missing; `after` closes
 * what was started.
 */
export function useBrowserStack(): { readonly current: BrowserStack } {
  const holder: { current: BrowserStack } = { current: undefined as unknown as BrowserStack };
  let started: Partial<{ smtp: SmtpSink; server: RealServer; chromium: Chromium }> = {};
  before(async function () {
    if (!chromiumAvailable()) {
      console.log(`      skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium)`);
      this.skip();
    }
    const smtp = (started.smtp = await SmtpSink.start());
    const server = (started.server = await RealServer.start({ HOURBANK_SMTP_URL: smtp.url }));
    const chromium = (started.chromium = new Chromium());
    holder.current = { smtp, server, team: new Team(server, smtp, chromium) };
  });
  // A failed wait says only which locator it waited for: print what the pages and the server showed then.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !holder.current) return;
    console.log(`      what the browser saw when "${this.currentTest.title}" failed:\n${await holder.current.team.describeFailure()}`);
  });
  after(async () => {
    await started.chromium?.close();
    await started.server?.stop();
    await started.smtp?.close();
    started = {};
  });
  return holder;
}
