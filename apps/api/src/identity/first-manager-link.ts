import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { AppLinks, FirstManager } from '#identity';

/**
 * Once listening: tells the links which port the server got, and, while the installation has no first manager,
 * issues the one-time link that creates it (each start replaces the previous link).
 */
export async function firstManagerLink(app: INestApplication, port: number): Promise<string | undefined> {
  app.get(AppLinks).listeningOn(port);
  return app.get(FirstManager).issueLinkIfNeeded(`first-manager-link:${randomUUID()}`);
}

export const firstManagerBanner = (link: string): string => [
  '',
  '  ┌──────────────────────────────────────────────────────────────────────',
  '  │ Nenhum gestor cadastrado ainda. Para criar o primeiro, abra (vale uma vez, por 24 h):',
  `  │ ${link}`,
  '  └──────────────────────────────────────────────────────────────────────',
  '',
].join('\n');
