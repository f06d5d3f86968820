import type { FeedEvent } from './mail-templates.js';

export interface FeedPage {
  readonly events: readonly FeedEvent[];
  readonly next: number;
  readonly caughtUp: boolean;
  /** The position of the last event in the log when the page was read. */
  readonly head: number;
}

/** Reads `GET /feed?after=&limit=` pages with the notifier's own bearer token. */
export class FeedClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly pageSize: number,
  ) {}

  async page(after: number, signal?: AbortSignal, limit = this.pageSize): Promise<FeedPage> {
    const response = await fetch(`${this.baseUrl}/feed?after=${after}&limit=${limit}`, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' },
      ...(signal && { signal }),
    });
    const body = (await response.json()) as FeedPage & { detail?: string; code?: string };
    if (!response.ok) throw new Error(`GET /feed answered ${response.status} ${body.code ?? ''}: ${body.detail ?? ''}`);
    return body;
  }

  /** The issued report's PDF, as issued (the API serves an issued period as issued unless asked otherwise). */
  async issuedReportPdf(accountId: string, period: string, signal?: AbortSignal): Promise<Buffer> {
    const path = `/accounts/${encodeURIComponent(accountId)}/reports/${encodeURIComponent(period)}?format=pdf&version=issued`;
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` }, ...(signal && { signal }) });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return Buffer.from(await response.arrayBuffer());
  }
}
