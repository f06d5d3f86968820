import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  readonly to: string[];
  readonly eventId: string;
  readonly messageId: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly attachments: readonly { readonly filename: string; readonly contentType: string; readonly content: Buffer }[];
}

/** A real SMTP server on 127.0.0.1 (random port, user/password auth) that keeps what it accepts. */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private constructor(private readonly server: SMTPServer, readonly port: number) {}

  static async start(options: { delayMs?: number; user?: string; pass?: string } = {}): Promise<SmtpSink> {
    const received: ReceivedMail[] = [];
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      authOptional: options.user === undefined,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === options.user && auth.password === options.pass) callback(null, { user: auth.username });
        else callback(new Error('Invalid username or password'));
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', () => undefined);
        stream.on('end', () => {
          const parsed = parseMessage(Buffer.concat(chunks).toString('utf8'));
          setTimeout(() => {
            received.push({ ...parsed, to: session.envelope.rcptTo.map((r) => r.address) });
            callback();
          }, options.delayMs ?? 0);
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sink = new SmtpSink(server, (server.server.address() as AddressInfo).port);
    (sink as { received: ReceivedMail[] }).received = received;
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async waitFor(count: number, timeoutMs = 15_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    return this.received;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const unfold = (headers: string) => headers.replace(/\r?\n[ \t]+/g, ' ');
const header = (headers: string, name: string): string =>
  new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';

function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_all, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replaceAll('_', ' ')));
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_all, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

interface Part {
  readonly type: string;
  readonly body: string;
  readonly filename?: string;
  readonly bytes?: Buffer;
}

const boundaryOf = (headers: string): string | undefined => /boundary="?([^";]+)"?/i.exec(header(headers, 'Content-Type'))?.[1];

/** A leaf part decoded, or the parts of a nested multipart (mixed: the alternative bodies, then the attachments). */
function decodePart(part: string): Part[] {
  const split = part.search(/\r?\n\r?\n/);
  const headers = unfold(part.slice(0, split));
  const body = part.slice(split).replace(/^\r?\n\r?\n/, '');
  const boundary = boundaryOf(headers);
  if (boundary) return body.split(`--${boundary}`).slice(1, -1).flatMap(decodePart);
  const encoding = header(headers, 'Content-Transfer-Encoding').toLowerCase();
  const type = header(headers, 'Content-Type').split(';')[0]!.toLowerCase();
  const filename = /filename="?([^";]+)"?/i.exec(header(headers, 'Content-Disposition'))?.[1];
  if (filename) return [{ type, body: '', filename, bytes: Buffer.from(body.replace(/\s+/g, ''), 'base64') }];
  const decoded = encoding === 'base64' ? Buffer.from(body, 'base64').toString('utf8') : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  return [{ type, body: decoded.replace(/\r\n/g, '\n') }];
}

/** Just enough MIME for the tests: headers, encoded-word subjects, text + html bodies, attachments (nested multiparts too). */
function parseMessage(raw: string): Omit<ReceivedMail, 'to'> {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = unfold(raw.slice(0, split));
  const parts = decodePart(raw);
  return {
    eventId: header(headers, 'X-HourBank-Event-Id'),
    messageId: header(headers, 'Message-ID'),
    subject: decodeWords(header(headers, 'Subject')),
    text: parts.find((p) => p.type === 'text/plain' && !p.filename)?.body ?? '',
    html: parts.find((p) => p.type === 'text/html' && !p.filename)?.body ?? '',
    attachments: parts.filter((p) => p.filename).map((p) => ({ filename: p.filename!, contentType: p.type, content: p.bytes! })),
  };
}
