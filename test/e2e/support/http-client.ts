export interface HttpResult<Body = any> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Body;
  readonly text: string;
  /** The body as received (a downloaded file). */
  readonly bytes: Buffer;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is, bypassing JSON encoding (malformed or huge bodies, files). */
  readonly rawBody?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A small fetch-based client: JSON in, JSON (or problem+json) out, never throws on a status. */
export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultToken?: string,
  ) {}

  as(token: string): HttpClient {
    return new HttpClient(this.baseUrl, token);
  }

  get<Body = any>(path: string, options: RequestOptions = {}) {
    return this.request<Body>('GET', path, options);
  }

  post<Body = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<Body>('POST', path, { ...options, body });
  }

  put<Body = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<Body>('PUT', path, { ...options, body });
  }

  delete<Body = any>(path: string, options: RequestOptions = {}) {
    return this.request<Body>('DELETE', path, options);
  }

  async request<Body = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<Body>> {
    const token = options.token ?? this.defaultToken;
    const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(payload !== undefined && { 'content-type': 'application/json' }),
        ...(token !== undefined && { authorization: `Bearer ${token}` }),
        ...options.headers,
      },
      ...(payload !== undefined && { body: payload }),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    const isJson = /json/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, body: (isJson && text ? JSON.parse(text) : text) as Body, text, bytes };
  }
}
