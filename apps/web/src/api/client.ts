import { t } from '../strings';

/** A refusal from the API (RFC 9457 Problem Details), with its stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly fields: readonly { field: string; messages: string[] }[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** What to tell the person: our own sentence for the code when there is one, else the server's. */
  get display(): string {
    return t.errors[this.code] ?? this.message ?? t.common.error;
  }
}

let csrfToken: string | null = null;
let onSessionLost: () => void = () => undefined;

export const session = {
  setCsrfToken: (token: string | null) => void (csrfToken = token),
  onLost: (callback: () => void) => void (onSessionLost = callback),
};

/** Same-origin calls with the session cookie; every write carries the session's CSRF token; refusals become ApiErrors. */
async function send<T>(method: string, path: string, contentType: string | undefined, body: BodyInit | undefined): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body !== undefined && { body }) });
  const text = await response.text();
  const json = text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (json ?? {}) as { code?: string; detail?: string; errors?: { field: string; messages: string[] }[]; details?: Record<string, unknown> };
    if (response.status === 401 && !path.startsWith('/auth/')) onSessionLost();
    throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, problem.detail ?? response.statusText, problem.errors, problem.details);
  }
  return json as T;
}

/** A JSON call. */
export const request = <T>(method: string, path: string, body?: unknown): Promise<T> =>
  send<T>(method, path, body === undefined ? undefined : 'application/json', body === undefined ? undefined : JSON.stringify(body));

/** A file as its raw bytes (the conversation's uploads), typed as the file is. */
export const upload = <T>(path: string, file: File): Promise<T> => send<T>('POST', path, file.type || 'application/octet-stream', file);

export const get = <T>(path: string) => request<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => request<T>('POST', path, body);
export const put = <T>(path: string, body: unknown = {}) => request<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown = {}) => request<T>('PATCH', path, body);
export const del = <T>(path: string) => request<T>('DELETE', path);

export const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][];
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`;
};
