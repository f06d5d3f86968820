import type { HttpClient, HttpResult, RequestOptions } from './http-client.js';

/**
 * What a browser does with the session: keeps the cookie the server sets, sends it back, and sends the CSRF
 * token it was given with every write (as the web app does).
 */
export class CookieSession {
  cookie: string | undefined;
  csrfToken: string | undefined;
  lastSetCookie: string | undefined;

  constructor(private readonly http: HttpClient) {}

  async request<Body = any>(method: string, path: string, options: RequestOptions & { csrf?: boolean } = {}): Promise<HttpResult<Body>> {
    const write = !['GET', 'HEAD'].includes(method);
    const headers: Record<string, string> = {
      ...(this.cookie !== undefined && { cookie: this.cookie }),
      ...(write && options.csrf !== false && this.csrfToken !== undefined && { 'x-csrf-token': this.csrfToken }),
      ...options.headers,
    };
    const result = await this.http.request<Body>(method, path, { ...options, headers });
    const setCookie = result.headers.get('set-cookie');
    if (setCookie) {
      this.lastSetCookie = setCookie;
      const [pair] = setCookie.split(';');
      this.cookie = pair!.endsWith('=') ? undefined : pair;
    }
    const body = result.body as { csrfToken?: string | null } | undefined;
    if (body && typeof body === 'object' && typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    return result;
  }

  get<Body = any>(path: string) {
    return this.request<Body>('GET', path);
  }

  post<Body = any>(path: string, body?: unknown, options: RequestOptions & { csrf?: boolean } = {}) {
    return this.request<Body>('POST', path, { ...options, body: body ?? {} });
  }

  put<Body = any>(path: string, body?: unknown) {
    return this.request<Body>('PUT', path, { body: body ?? {} });
  }
}
