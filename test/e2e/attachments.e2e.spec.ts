import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { openPool } from '#eventstore';
import { type TestS3Server, startTestS3 } from '#testing';
import { s3ClientFor } from '#ticketing';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, numbered, ticketBody } from './support/hour-bank-fixtures.js';
import type { HttpClient, HttpResult } from './support/http-client.js';

const MAX_BYTES = 4096;

/** A 1×1 PNG, made unique by a trailing chunk of random bytes (a PNG reader skips what follows IEND). */
const png = () => Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1a1c80000000049454e44ae426082', 'hex'),
  randomBytes(16),
]);
const pdf = () => Buffer.from(`%PDF-1.7\n% proposta ${randomBytes(8).toString('hex')}\n%%EOF\n`);

const problem = (result: HttpResult<any>, status: number, code?: string) => {
  expect(result.status, result.text).to.equal(status);
  expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
  expect(result.body).to.include({ status });
  if (code) expect(result.body.code, result.text).to.equal(code);
};

/** How many contents the deployment's attachment store holds, looked at directly (files, rows or objects). */
async function storedContents(api: ApiHarness): Promise<number> {
  const settings = api.config.tickets.attachmentStore;
  if (settings.kind === 'data-dir') {
    const root = join(api.config.dataDir, 'attachments');
    return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length : 0;
  }
  if (settings.kind === 'postgres') {
    const pool = openPool(settings.databaseUrl, { max: 1 });
    try {
      const table = await pool.query(`SELECT to_regclass('attachments') AS t`);
      if (table.rows[0].t === null) return 0;
      return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).rows[0]!.n;
    } finally {
      await pool.end();
    }
  }
  const client = await s3ClientFor(settings.s3);
  try {
    return (await client.send(new ListObjectsV2Command({ Bucket: settings.s3.bucket, Prefix: settings.s3.prefix }))).KeyCount ?? 0;
  } finally {
    client.destroy();
  }
}

/**
 * Changes a stored file's bytes behind the API's back (a damaged disk, a bucket edited by hand), or removes it (a
 * store not restored with the log).
 */
async function damage(api: ApiHarness, attachmentId: string, how: 'change' | 'remove' = 'change'): Promise<void> {
  const settings = api.config.tickets.attachmentStore;
  if (settings.kind === 'data-dir') {
    const path = join(api.config.dataDir, 'attachments', attachmentId.slice(0, 2), attachmentId);
    return how === 'remove' ? rmSync(path) : writeFileSync(path, 'not what was uploaded');
  }
  if (settings.kind === 'postgres') {
    const pool = openPool(settings.databaseUrl, { max: 1 });
    try {
      if (how === 'remove') await pool.query('DELETE FROM attachments WHERE attachment_id = $1', [attachmentId]);
      else await pool.query('UPDATE attachment_chunks SET bytes = set_byte(bytes, 0, (get_byte(bytes, 0) + 1) % 256) WHERE attachment_id = $1', [attachmentId]);
    } finally {
      await pool.end();
    }
    return;
  }
  const client = await s3ClientFor(settings.s3);
  try {
    const Key = `${settings.s3.prefix}${attachmentId.slice(0, 2)}/${attachmentId}`;
    if (how === 'remove') await client.send(new DeleteObjectCommand({ Bucket: settings.s3.bucket, Key }));
    else await client.send(new PutObjectCommand({ Bucket: settings.s3.bucket, Key, Body: Buffer.from('not what was uploaded') }));
  } finally {
    client.destroy();
  }
}

interface Deployment {
  readonly name: string;
  /** The environment the API gets for its attachment store; undefined: the deployment's default. */
  readonly env: () => Record<string, string>;
  readonly expectedKind: string;
}

const s3: { server?: TestS3Server } = {};

/**
 * Issue 15's attachments over HTTP on each store: on the embedded default the data dir (on the PostgreSQL re-run,
 * HOURBANK_E2E_POSTGRES=1, the default is PostgreSQL), and an S3-compatible bucket (s3rver). Upload, the
 * conversation's list, download headers, limits as Problem Details with nothing stored, tenants, internal notes.
 */
const deployments: Deployment[] = [
  { name: 'the default store', env: () => ({}), expectedKind: process.env.HOURBANK_E2E_POSTGRES === '1' ? 'postgres' : 'data-dir' },
  {
    name: 'an S3-compatible bucket (s3rver)',
    env: () => {
      const { bucket, endpoint, prefix } = s3.server!.settingsFor('hourbank-e2e', `e2e-${randomBytes(4).toString('hex')}/`);
      return {
        HOURBANK_ATTACHMENT_STORE: 's3', HOURBANK_S3_BUCKET: bucket, HOURBANK_S3_ENDPOINT: endpoint!, HOURBANK_S3_PREFIX: prefix,
        HOURBANK_S3_ACCESS_KEY_ID: 'S3RVER', HOURBANK_S3_SECRET_ACCESS_KEY: 'S3RVER',
      };
    },
    expectedKind: 's3',
  },
];

describe('ticket attachments over HTTP', function () {
  this.timeout(120_000);
  before(async () => (s3.server = await startTestS3(['hourbank-e2e'])));
  after(() => s3.server?.stop());

  for (const deployment of deployments) {
    describe(`on ${deployment.name}`, () => {
      let api: ApiHarness;
      let cast: Cast;
      let ticketA: string;
      let ticketB: string;
      const upload = (by: HttpClient, ticket: string, bytes: Buffer, type: string, name = 'arquivo') =>
        by.request('POST', `/tickets/${ticket}/attachments?name=${encodeURIComponent(name)}`, { rawBody: bytes, headers: { 'content-type': type } });
      const uploaded = async (by: HttpClient, ticket: string, bytes: Buffer, type: string, name?: string): Promise<string> => {
        const answer = created(await upload(by, ticket, bytes, type, name));
        return answer.events.find((event: { type: string }) => event.type === 'AttachmentUploaded').data.attachmentId;
      };
      const conversation = async (by: HttpClient, ticket: string) => {
        const result = await by.get(`/tickets/${ticket}/conversation`);
        expect(result.status, result.text).to.equal(200);
        return result.body as { events: { type: string; data: any }[]; attachments: { attachmentId: string; name: string }[] };
      };

      before(async () => {
        api = await ApiHarness.start({ env: { HOURBANK_ATTACHMENT_MAX_BYTES: String(MAX_BYTES), ...deployment.env() } });
        cast = await castOf(api);
        ticketA = created(await cast.clientA.post('/tickets', ticketBody(cast.accountA))).id;
        ticketB = created(await cast.clientB.post('/tickets', ticketBody(cast.accountB))).id;
        await numbered(cast.agent, ticketA);
        await numbered(cast.agent, ticketB);
      });
      after(() => api?.close());

      it('uses the store the configuration names', () => {
        expect(api.config.tickets.attachmentStore.kind).to.equal(deployment.expectedKind);
      });

      it('uploads, lists the file on the conversation once posted, and downloads it byte for byte with safe headers', async () => {
        const bytes = png();
        const before = await storedContents(api);
        const attachmentId = await uploaded(cast.clientA, ticketA, bytes, 'image/png', 'tela do erro.png');
        expect(await storedContents(api)).to.equal(before + 1);
        created(await cast.clientA.post(`/tickets/${ticketA}/messages`, { body: 'Segue a tela', attachments: [{ attachmentId }] }));
        const listed = await conversation(cast.agent, ticketA);
        expect(listed.attachments).to.deep.include({ attachmentId, name: 'tela do erro.png', mediaType: 'image/png', size: bytes.length });

        for (const reader of [cast.agent, cast.clientA, cast.manager]) {
          const download = await reader.get(`/tickets/${ticketA}/attachments/${attachmentId}`);
          expect(download.status, download.text).to.equal(200);
          expect(download.bytes.equals(bytes)).to.equal(true);
          expect(download.headers.get('content-type')).to.equal('image/png');
          expect(download.headers.get('content-length')).to.equal(String(bytes.length));
          expect(download.headers.get('content-disposition')).to.equal(`attachment; filename="tela do erro.png"; filename*=UTF-8''tela%20do%20erro.png`);
          expect(download.headers.get('x-content-type-options')).to.equal('nosniff');
          expect(download.headers.get('content-security-policy')).to.equal("default-src 'none'; sandbox");
        }
        const inline = await cast.clientA.get(`/tickets/${ticketA}/attachments/${attachmentId}?inline=true`);
        expect(inline.headers.get('content-disposition')).to.match(/^inline; /);
      });

      it('names a file with any characters safely, and never shows a PDF inline', async () => {
        const bytes = pdf();
        const attachmentId = await uploaded(cast.agent, ticketA, bytes, 'application/pdf', 'orçamento "final".pdf');
        created(await cast.agent.post(`/tickets/${ticketA}/messages`, { body: 'Proposta', attachments: [{ attachmentId }] }));
        const download = await cast.clientA.get(`/tickets/${ticketA}/attachments/${attachmentId}?inline=true`);
        expect(download.status, download.text).to.equal(200);
        expect(download.headers.get('content-type')).to.equal('application/pdf');
        expect(download.headers.get('content-disposition')).to.equal(`attachment; filename="or_amento _final_.pdf"; filename*=UTF-8''or%C3%A7amento%20%22final%22.pdf`);
        expect(download.bytes.equals(bytes)).to.equal(true);
      });

      it('stores the same file once, on two tickets of two tenants alike', async () => {
        const bytes = png();
        const before = await storedContents(api);
        const first = await uploaded(cast.clientA, ticketA, bytes, 'image/png', 'a.png');
        const second = await uploaded(cast.clientB, ticketB, bytes, 'image/png', 'b.png');
        expect(second).to.equal(first);
        expect(await storedContents(api)).to.equal(before + 1);
      });

      it('refuses past the limits with Problem Details, and stores nothing', async () => {
        const before = await storedContents(api);
        const eventsBefore = (await conversation(cast.agent, ticketA)).events.length;
        problem(await upload(cast.clientA, ticketA, Buffer.alloc(MAX_BYTES + 1, 0x41), 'text/plain'), 413, 'PAYLOAD_TOO_LARGE');
        problem(await upload(cast.clientA, ticketA, Buffer.from('not a png at all'), 'image/png'), 422, 'ATTACHMENT_CONTENT_DOES_NOT_MATCH_ITS_TYPE');
        problem(await upload(cast.clientA, ticketA, Buffer.from('MZ\x90\x00 a program'), 'application/x-msdownload'), 422, 'ATTACHMENT_TYPE_NOT_ALLOWED');
        problem(await upload(cast.clientA, ticketA, Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml'), 422, 'ATTACHMENT_TYPE_NOT_ALLOWED');
        problem(await upload(cast.clientA, ticketA, Buffer.from('<html><script>alert(1)</script>'), 'text/html'), 422, 'ATTACHMENT_TYPE_NOT_ALLOWED');
        problem(await upload(cast.clientA, ticketA, Buffer.alloc(0), 'text/plain'), 422, 'ATTACHMENT_IS_EMPTY');
        // No Content-Length: the body comes chunked and is cut off as soon as it passes the limit.
        const chunked = new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < 8; i++) controller.enqueue(Buffer.alloc(1024, 0x42));
            controller.close();
          },
        });
        const streamed = await fetch(`${api.url}/tickets/${ticketA}/attachments?name=big.txt`, {
          method: 'POST', body: chunked, duplex: 'half', headers: { 'content-type': 'text/plain', authorization: `Bearer ${await api.token('client', { sub: 'client-a', accounts: [cast.accountA] })}` },
        } as RequestInit);
        expect(streamed.status).to.equal(413);
        expect(streamed.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(await storedContents(api)).to.equal(before);
        expect((await conversation(cast.agent, ticketA)).events.length).to.equal(eventsBefore);
      });

      it('never lets a tenant read, list or attach another tenant’s file, even one whose bytes it knows', async () => {
        const bytes = png();
        const theirs = await uploaded(cast.clientB, ticketB, bytes, 'image/png', 'secreto.png');
        created(await cast.clientB.post(`/tickets/${ticketB}/messages`, { body: 'Privado', attachments: [{ attachmentId: theirs }] }));
        problem(await cast.clientA.get(`/tickets/${ticketB}/attachments/${theirs}`), 404);
        problem(await cast.clientA.get(`/tickets/${ticketA}/attachments/${theirs}`), 404, 'ATTACHMENT_NOT_FOUND');
        problem(await cast.clientA.get(`/tickets/${ticketB}/conversation`), 404);
        problem(await upload(cast.clientA, ticketB, png(), 'image/png'), 404);
        problem(await cast.clientA.post(`/tickets/${ticketA}/messages`, { body: 'Roubado', attachments: [{ attachmentId: theirs }] }), 422, 'ATTACHMENT_NOT_UPLOADED_TO_THIS_TICKET');
        expect((await conversation(cast.clientA, ticketA)).attachments.map((a) => a.attachmentId)).not.to.include(theirs);
        expect((await cast.clientB.get(`/tickets/${ticketB}/attachments/${theirs}`)).bytes.equals(bytes)).to.equal(true);
        problem(await cast.clientA.get(`/tickets/${ticketA}/attachments/not-a-sha`), 404);
      });

      it('hides from the client a file on an internal note, and one staff uploaded but did not post', async () => {
        const noteFile = await uploaded(cast.agent, ticketA, pdf(), 'application/pdf', 'diagnóstico interno.pdf');
        created(await cast.agent.post(`/tickets/${ticketA}/messages`, { body: 'Só a equipe', visibility: 'internal', attachments: [{ attachmentId: noteFile }] }));
        const draft = await uploaded(cast.agent, ticketA, pdf(), 'application/pdf', 'rascunho.pdf');
        const forClient = await conversation(cast.clientA, ticketA);
        const seen = JSON.stringify(forClient);
        expect(seen).not.to.contain(noteFile);
        expect(seen).not.to.contain(draft);
        expect(forClient.events.map((event) => event.type)).not.to.include('InternalNoteAdded');
        problem(await cast.clientA.get(`/tickets/${ticketA}/attachments/${noteFile}`), 404, 'ATTACHMENT_NOT_FOUND');
        problem(await cast.clientA.get(`/tickets/${ticketA}/attachments/${draft}`), 404, 'ATTACHMENT_NOT_FOUND');
        const forStaff = await conversation(cast.agent, ticketA);
        expect(forStaff.attachments.map((a) => a.attachmentId)).to.include(noteFile);
        expect((await cast.agent.get(`/tickets/${ticketA}/attachments/${noteFile}`)).status).to.equal(200);
        expect((await cast.agent.get(`/tickets/${ticketA}/attachments/${draft}`)).status).to.equal(200);
      });

      it('never serves a file whose stored bytes no longer hash to its id: 500 Problem Details, not the bytes', async () => {
        const attachmentId = await uploaded(cast.clientA, ticketA, png(), 'image/png', 'danificado.png');
        await damage(api, attachmentId);
        const download = await cast.clientA.get(`/tickets/${ticketA}/attachments/${attachmentId}`);
        problem(download, 500, 'INTERNAL_ERROR');
        expect(download.text).not.to.contain('not what was uploaded');
      });

      it('answers 500, not 404, for a file the conversation names and the store lost: a deployment error, not "never uploaded"', async () => {
        const attachmentId = await uploaded(cast.clientA, ticketA, png(), 'image/png', 'perdido.png');
        await damage(api, attachmentId, 'remove');
        problem(await cast.clientA.get(`/tickets/${ticketA}/attachments/${attachmentId}`), 500, 'INTERNAL_ERROR');
      });
    });
  }
});
