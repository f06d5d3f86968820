import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`, done by .ci/run); no test tool downloads a browser. */
export const CHROMIUM = process.env.HOURBANK_CHROMIUM ?? '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

export const LAPTOP = { width: 1280, height: 800 } as const;
export const PHONE = { width: 390, height: 844 } as const;

/** No background traffic: this machine reaches nothing beyond loopback. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Headless chromium, one browser per person, each with a fresh profile (its own --user-data-dir, so its own
 * cookies): Brazilian locale and zone, laptop-sized.
 */
export class Chromium {
  private readonly open: { context: BrowserContext; profile: string }[] = [];

  async person(viewport: { width: number; height: number } = LAPTOP): Promise<BrowserContext> {
    const profile = mkdtempSync(join(tmpdir(), 'hourbank-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: FLAGS, viewport, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', bypassCSP: true,
    });
    this.open.push({ context, profile });
    return context;
  }

  async close(): Promise<void> {
    for (const { context, profile } of this.open.splice(0)) {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    }
  }
}
