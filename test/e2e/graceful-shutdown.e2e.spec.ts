import { expect } from 'chai';
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateJwtSecret, mintToken } from '#platform';
import { API_MAIN, Child, cleanEnv } from './support/child-process.js';

const account = JSON.stringify({ clientName: 'Acme', plan: 'START', firstPeriod: '2030-01', overageRateCentsPerHour: 100 });

/** A POST whose body is sent in two halves: in flight from the first byte until `finish()`. */
function slowPost(url: string, token: string): { finish(): void; answer: Promise<{ status: number; body: string }> } {
  let request!: ClientRequest;
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    request = httpRequest(`${url}/accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(account) },
    }, (response: IncomingMessage) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.write(account.slice(0, 10));
  });
  return { finish: () => request.end(account.slice(10)), answer };
}

describe('graceful shutdown on SIGTERM', function () {
  this.timeout(60_000);
  let dataDir: string;
  let api: Child;
  let url: string;
  let token: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hourbank-shutdown-'));
    api = new Child(API_MAIN, cleanEnv({ HOURBANK_DATA_DIR: dataDir, PORT: '0', HOURBANK_SHUTDOWN_TIMEOUT_SECONDS: '4', HOURBANK_FEED_HEARTBEAT_SECONDS: '1' }));
    const [, port] = await api.waitFor(/"port":(\d+)[^\n]*Hour Bank API listening/);
    url = `http://127.0.0.1:${port}`;
    token = await mintToken({ secret: loadOrCreateJwtSecret(dataDir), issuer: 'hour-bank', audience: 'hour-bank' }, { sub: 'maria', role: 'manager' });
  });
  afterEach(async () => {
    api.kill();
    await api.exited;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends the SSE streams at once, lets a request in flight finish, then exits 0, logging each step', async () => {
    const stream = await fetch(`${url}/feed/stream`, { headers: { authorization: `Bearer ${token}` } });
    const reader = stream.body!.getReader();
    await reader.read();
    const inFlight = slowPost(url, token);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    api.kill('SIGTERM');
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    const streamEndedMs = Date.now() - signalled;
    expect(text).to.contain('event: end\ndata: {"reason":"shutdown"}');
    inFlight.finish();
    expect((await inFlight.answer).status).to.equal(201);
    const exited = await api.exitedWithin(10_000);
    expect(exited.code, exited.stderr).to.equal(0);
    expect(streamEndedMs).to.be.below(2_000);
    const messages = api.logLines().map((line) => line.msg);
    expect(messages).to.include.members(['Shutting down', 'Requests drained', 'Shut down']);
    expect(api.logLines().find((line) => line.msg === 'Shutting down')).to.include({ signal: 'SIGTERM', streams: 1, timeoutMs: 4000 });
  });

  it('cuts a request that does not finish within the timeout, says so, and still exits', async () => {
    const stuck = slowPost(url, token);
    stuck.answer.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const signalled = Date.now();
    api.kill('SIGTERM');
    const exited = await api.exitedWithin(15_000);
    const tookMs = Date.now() - signalled;
    expect(exited.code, exited.stderr).to.equal(0);
    expect(tookMs).to.be.within(3_500, 9_000);
    expect(api.logLines().find((line) => line.msg === 'Requests cut at the shutdown timeout')).to.include({ cut: 1 });
  });
});
