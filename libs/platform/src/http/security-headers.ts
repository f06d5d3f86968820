import helmet from 'helmet';

/**
 * helmet's headers with a CSP for a same-origin browser app (a Vite build served at /): scripts, styles, fonts and
 * API calls from this origin only, images also as data: URLs, never framed. Swagger UI at /docs needs inline styles.
 */
export const securityHeaders = () => {
  const directives = {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
  const strict = helmet({ contentSecurityPolicy: { useDefaults: false, directives }, referrerPolicy: { policy: 'no-referrer' } });
  const docs = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...directives, styleSrc: ["'self'", "'unsafe-inline'"] } },
    referrerPolicy: { policy: 'no-referrer' },
  });
  return (request: { originalUrl?: string; url?: string }, response: unknown, next: (error?: unknown) => void) =>
    ((request.originalUrl ?? request.url ?? '').startsWith('/docs') ? docs : strict)(request as never, response as never, next);
};
