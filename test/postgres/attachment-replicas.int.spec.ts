import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { openPool } from '#eventstore';
import { generateSigningKeyPem } from '#integrity';
import { mintToken, type PrincipalRole } from '#platform';
import { type TestDatabase, type TestS3Server, createTestDatabase, startTestS3 } from '#testing';
import { s3ClientFor } from '#ticketing';
import type { HttpResult } from '../e2e/support/http-client.js';
import { Cluster, type Member } from '../reliability/multi-process/cluster.js';

const PNG = () => Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1a1c80000000049454e44ae426082', 'hex'),
  randomBytes(64),
]);

interface Store {
  readonly name: string;
  readonly env: () => Record<string, string>;
  /** Contents the shared store holds. */
  readonly count: () => Promise<number>;
}

/**
 * The server deployment with two API processes (and a worker) on one PostgreSQL, each with its own empty data dir:
 * a file uploaded through one replica is served by the other, also after the first is SIGKILLed, the same file sent
 * through both at once is stored once, and no replica writes a byte of it to its own disk.
 */
describe('attachments across API replicas (two API processes, one PostgreSQL, empty data dirs)', function () {
  this.timeout(300_000);
  let database: TestDatabase;
  let s3: TestS3Server;
  const secretText = randomBytes(32).toString('base64url');
  const secret = new Uint8Array(Buffer.from(secretText, 'base64url'));
  const token = (role: PrincipalRole, sub: string, accounts: string[] = []) =>
    mintToken({ secret, issuer: 'hour-bank', audience: 'hour-bank' }, { role, sub, accounts, ttl: '1h' });

  before(async () => {
    database = await createTestDatabase('hbfilerep');
    s3 = await startTestS3(['hourbank-replicas']);
  });
  after(async () => {
    await s3?.stop();
    await database?.drop();
  });

  const stores: Store[] = [
    {
      name: 'PostgreSQL (the default with HOURBANK_DATABASE_URL)',
      env: () => ({}),
      count: async () => {
        const pool = openPool(database.url, { max: 1 });
        try {
          if ((await pool.query(`SELECT to_regclass('attachments') AS t`)).rows[0].t === null) return 0;
          return (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments')).rows[0]!.n;
        } finally {
          await pool.end();
        }
      },
    },
    {
      name: 'an S3-compatible bucket (s3rver)',
      env: () => {
        const { endpoint } = s3.settingsFor('hourbank-replicas');
        return {
          HOURBANK_ATTACHMENT_STORE: 's3', HOURBANK_S3_BUCKET: 'hourbank-replicas', HOURBANK_S3_ENDPOINT: endpoint!, HOURBANK_S3_PREFIX: 'replicas/',
          HOURBANK_S3_ACCESS_KEY_ID: 'S3RVER', HOURBANK_S3_SECRET_ACCESS_KEY: 'S3RVER',
        };
      },
      count: async () => {
        const client = await s3ClientFor(s3.settingsFor('hourbank-replicas', 'replicas/'));
        try {
          return (await client.send(new ListObjectsV2Command({ Bucket: 'hourbank-replicas', Prefix: 'replicas/' }))).KeyCount ?? 0;
        } finally {
          client.destroy();
        }
      },
    },
  ];

  for (const store of stores) {
    describe(`on ${store.name}`, () => {
      let cluster: Cluster;
      before(async () => {
        cluster = new Cluster(2, 1, {
          ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'production', HOURBANK_JWT_SECRET: secretText,
          HOURBANK_DATABASE_URL: database.url, EVENTSTORE_CONNECTION_STRING: database.url, HOURBANK_THROTTLE_LIMIT: '100000',
          HOURBANK_LOG_SIGNING_KEY: generateSigningKeyPem(), HOURBANK_ATTACHMENT_MAX_BYTES: '4096', ...store.env(),
        });
        await cluster.start();
      });
      after(() => cluster?.stop());

      const as = async (member: Member, role: PrincipalRole, sub: string, accounts: string[] = []) => member.client.as(await token(role, sub, accounts));
      const ok = (result: HttpResult, what: string) => {
        expect(result.status, `${what}: ${result.text}`).to.be.oneOf([200, 201]);
        return result.body;
      };

      it('serves through one replica what another stored, also once that one is killed; the same file from both at once is stored once', async () => {
        const [one, two] = cluster.apis as [Member, Member];
        const manager = await as(one, 'manager', 'manager-1');
        const accountId = ok(await manager.post('/accounts', {
          clientName: 'Estúdio Réplica', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 15000,
        }), 'open account').id as string;
        const clientOnTwo = await as(two, 'client', 'client-1', [accountId]);
        const ticketId = ok(await clientOnTwo.post('/tickets', {
          accountId, title: 'A tela quebrou', description: 'Veja o anexo', category: 'support',
        }), 'open ticket').id as string;
        const before = await store.count();

        const bytes = PNG();
        const clientOnOne = await as(one, 'client', 'client-1', [accountId]);
        const uploaded = ok(await clientOnOne.request('POST', `/tickets/${ticketId}/attachments?name=tela.png`, { rawBody: bytes, headers: { 'content-type': 'image/png' } }), 'upload on api-1');
        const attachmentId = uploaded.events[0].data.attachmentId as string;
        ok(await clientOnTwo.post(`/tickets/${ticketId}/messages`, { body: 'Segue', attachments: [{ attachmentId }] }), 'post on api-2');

        const agentOnTwo = await as(two, 'agent', 'agent-1');
        const download = await agentOnTwo.get(`/tickets/${ticketId}/attachments/${attachmentId}`);
        expect(download.status, download.text).to.equal(200);
        expect(download.bytes.equals(bytes)).to.equal(true);
        expect(download.headers.get('content-type')).to.equal('image/png');

        // The same new file through both replicas at the same moment: both answer, one copy is kept.
        const twin = PNG();
        const agentOnOne = await as(one, 'agent', 'agent-1');
        const both = await Promise.all([agentOnOne, agentOnTwo, agentOnOne, agentOnTwo].map((agent) =>
          agent.request('POST', `/tickets/${ticketId}/attachments?name=gemeo.png`, { rawBody: twin, headers: { 'content-type': 'image/png' } })));
        for (const answer of both) expect(answer.status, answer.text).to.equal(201);
        expect(await store.count()).to.equal(before + 2);

        await one.kill();
        expect((await clientOnTwo.get(`/tickets/${ticketId}/attachments/${attachmentId}`)).bytes.equals(bytes)).to.equal(true);
        for (const api of cluster.apis) expect(existsSync(join(api.dataDir, 'attachments')), `${api.name} wrote to its data dir`).to.equal(false);
      });
    });
  }
});
