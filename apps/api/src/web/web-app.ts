import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import type { HttpRequest, HttpResponse } from '#platform';

/** Where `npm run build` puts the web app (vite's outDir): dist/web beside dist/apps. */
export const WEB_APP_DIR = fileURLToPath(new URL('../../../../web', import.meta.url));

/**
 * The web app's top-level paths (apps/web/src/routes.tsx): a browser opening one of them, or `/`, gets index.html
 * and the app's router takes over. They are Portuguese words, so they never shadow an API route.
 */
export const APP_SEGMENTS: ReadonlySet<string> = new Set([
  '', 'entrar', 'primeiro-acesso', 'convite', 'esqueci-a-senha', 'redefinir-senha', 'fila', 'meus-chamados', 'novo-chamado', 'chamados',
  'contas', 'planos', 'usuarios', 'chaves', 'calendarios', 'operacao', 'auditoria', 'minha-senha',
]);

type Next = () => void;

/** Serves the built web app at `/`: hashed assets cached for a year, index.html never cached. */
export function serveWebApp(app: NestExpressApplication, logger: Logger, dir = WEB_APP_DIR): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dir }, 'The web app is not built (run `npm run build`): only the API is served');
    return;
  }
  app.useStaticAssets(join(dir, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false, fallthrough: false });
  app.use((request: HttpRequest, response: HttpResponse & { sendFile(path: string, options?: object): void }, next: Next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !APP_SEGMENTS.has(request.path.split('/')[1] ?? '')) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
