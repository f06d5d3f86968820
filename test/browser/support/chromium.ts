import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`, done by .ci/run); no test tool downloads a browser. */
export const CHROMIUM = process.env.HOURBANK_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

export const LAPTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** Headless chromium with a fresh profile and no background traffic (this machine has no network beyond loopback). */
export class Chromium {
  private constructor(readonly browser: Browser, private readonly profile: string) {}

  static async launch(): Promise<Chromium> {
    const profile = mkdtempSync(join(tmpdir(), 'hourbank-chromium-'));
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`,
      ],
    });
    return new Chromium(browser, profile);
  }

  /** A new person: own cookies, Brazilian locale and zone, laptop-sized unless told otherwise. */
  context(viewport: { width: number; height: number } = LAPTOP): Promise<BrowserContext> {
    return this.browser.newContext({ viewport, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', bypassCSP: true });
  }

  async close(): Promise<void> {
    await this.browser.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
