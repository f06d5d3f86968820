import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#eventstore';
import { envInt, median } from './bench-kit.js';
import { ApiProcess, type Connection, drive, expectStatus, percentile, type Reply } from './http-kit.js';

/** Tickets per level: each connection works on its own tickets (no conflicts), and no ticket grows long. */
const TICKETS = 96;
const levels = (): number[] => (process.env.BENCH_HTTP_LEVELS ?? '1,8,32').split(',').map(Number).filter((n) => [1, 8, 32].includes(n));

interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly perSecond: number;
}

const latencyOf = (samples: readonly number[], seconds: number): Latency =>
  ({ p50: percentile(samples, 50), p99: percentile(samples, 99), perSecond: samples.length / seconds });

/**
 * The store's own append in the same run: one event (a time entry's size, with metadata) at an exact revision,
 * from `concurrency` writers at once, each on its own stream.
 */
async function storeAppends(dir: string, concurrency: number, count: number): Promise<Latency> {
  const store = SqliteEventStore.open(join(dir, `baseline-${concurrency}-${randomUUID()}.sqlite`));
  const revisions = new Array<number>(concurrency).fill(-1);
  const samples: number[] = [];
  let issued = 0;
  const started = process.hrtime.bigint();
  await Promise.all(revisions.map(async (_, writer) => {
    while (issued++ < count) {
      const at = process.hrtime.bigint();
      const result = await store.append(`ticket-bench${writer}`, [{
        id: randomUUID(), type: 'hourbank.ticket.time-logged.v1',
        data: { ticketId: `bench${writer}`, entryId: randomUUID(), minutes: 15, activity: 'development', performedOn: '2026-11-04', note: 'Bench entry', loggedBy: 'agent' },
        metadata: { actor: 'agent-1', role: 'agent', correlationId: randomUUID(), causationId: randomUUID(), commandId: randomUUID(), occurredAt: new Date().toISOString() },
      }], revisions[writer]! < 0 ? 'no_stream' : revisions[writer]!);
      revisions[writer] = result.nextExpectedRevision;
      samples.push(Number(process.hrtime.bigint() - at) / 1e6);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return latencyOf(samples, seconds);
}

/** Each ticket's estimate: room for every entry the level logs on it (time past the estimate and its margin needs the client's approval). */
const estimateMinutes = (entriesPerLevel: number): number => ENTRY_MINUTES * Math.ceil((1.5 * entriesPerLevel) / TICKETS + 2);
const ENTRY_MINUTES = 15;

async function openTickets(agent: Connection, accountId: string, count: number, minutes: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const opened = expectStatus(await agent.send('POST', '/tickets', { accountId, title: `Bench ${i}`, description: 'Load', category: 'support' }), 201);
    const id = opened.body.id as string;
    expectStatus(await agent.send('POST', `/tickets/${id}/estimate`, { minutes, expectedDeliveryAt: new Date(Date.now() + 10 * 86_400_000).toISOString() }), 200, 201);
    ids.push(id);
  }
  return ids;
}

const PHASES = ['http', 'auth', 'throttle', 'validation', 'idempotency', 'lookup', 'load', 'decide', 'append', 'commit', 'response'];

function breakdown(replies: readonly Reply[]): string {
  const parts = ['total', ...PHASES].map((phase) => {
    const values = replies.map((reply) => reply.timing[phase] ?? 0);
    return `${phase} ${median(values).toFixed(2)}`;
  });
  return parts.join(' · ');
}

/** One API process with the given store writer: the time-entry command at every level, printed beside the store's appends. */
async function commandsOn(dir: string, writer: 'thread' | 'inline', requests: number, warmup: number): Promise<Map<number, Latency>> {
  const api = await ApiProcess.start(join(dir, `data-${writer}`), { HOURBANK_SQLITE_WRITER: writer });
  const measured = new Map<number, Latency>();
  try {
    const manager = await api.connection('manager', 'bench-manager');
    const account = expectStatus(await manager.send('POST', '/accounts', {
      clientName: 'Bench', plan: 'ADVANCED', firstPeriod: new Date().toISOString().slice(0, 7), overageRateCentsPerHour: 15000,
    }), 201).body.id as string;
    // Minutes for every level's estimates, so that none waits for the client's approval.
    const minutes = estimateMinutes(requests + warmup);
    for (let left = minutes * TICKETS * levels().length; left > 0; left -= 100_000) {
      expectStatus(await manager.send('POST', `/accounts/${account}/packages`, { minutes: Math.min(left, 100_000) }), 201);
    }
    console.log(`  API with HOURBANK_SQLITE_WRITER=${writer}`);
    for (const level of levels()) {
      const agents = await Promise.all(Array.from({ length: level }, () => api.connection('agent', 'bench-agent')));
      const tickets = await openTickets(agents[0]!, account, TICKETS, minutes);
      // Each connection goes round its own tickets in turn, so every ticket gets the same number of entries.
      const sent = new Array<number>(level).fill(0);
      const post = (connection: number) =>
        agents[connection]!.send('POST', `/tickets/${tickets[(sent[connection]!++ % (TICKETS / level)) * level + connection]}/time-entries`,
          { minutes: ENTRY_MINUTES, activity: 'development', performedOn: '2026-11-04', note: 'Bench entry' },
          { 'idempotency-key': randomUUID() });
      await drive(level, warmup, post);
      const { replies, seconds } = await drive(level, requests, post);
      const failed = replies.filter((reply) => reply.status !== 201);
      if (failed.length > 0) throw new Error(`${failed.length} requests failed, e.g. ${failed[0]!.status} ${JSON.stringify(failed[0]!.body)}`);
      const http = latencyOf(replies.map((reply) => reply.ms), seconds);
      const server = latencyOf(replies.map((reply) => reply.timing.total ?? Number.NaN), seconds);
      const store = await storeAppends(dir, level, requests);
      measured.set(level, http);
      const f = (value: number) => value.toFixed(2).padStart(6);
      console.log(`  ${String(level).padStart(2)} connection${level === 1 ? ' ' : 's'}  HTTP ${f(http.p50)} / ${f(http.p99)}  (server ${f(server.p50)} / ${f(server.p99)})  ` +
        `${Math.round(http.perSecond).toString().padStart(5)} commands/s   store append ${f(store.p50)} / ${f(store.p99)}  ${Math.round(store.perSecond).toString().padStart(6)}/s   ` +
        `p99 ratio ${(http.p99 / store.p99).toFixed(1)}× (aim ≤ 3×)${level === 8 ? `, aim ≥ 1,000 commands/s` : ''}`);
      console.log(`     server phases, medians (ms): ${breakdown(replies)}`);
      for (const agent of agents) agent.close();
    }
    manager.close();
  } finally {
    await api.stop();
  }
  return measured;
}

/**
 * (c) HTTP commands: POST a time entry (with an Idempotency-Key) at 1, 8 and 32 connections against the API as its own
 * process, beside the store's own append at the same concurrency in the same run; p50/p99 in ms, commands/s, and the
 * median server-side phases from `Server-Timing`. The API runs twice, with appends committed inline (one fsync per
 * command on the event loop: the baseline) and on the writer thread (group commit), and the two are compared.
 */
export async function runHttpCommandsBench(): Promise<void> {
  const requests = envInt('BENCH_HTTP_REQUESTS', 2000);
  const warmup = envInt('BENCH_HTTP_WARMUP', 300);
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-bench-http-'));
  try {
    console.log('\nHTTP commands: POST /tickets/:id/time-entries with an Idempotency-Key, API in its own process; store: one-event appends at an exact revision');
    console.log(`  ${requests} requests a level after ${warmup} to warm up; p50 / p99 in ms; the store's figures are from the same run (its default writer)`);
    // BENCH_HTTP_WRITERS=thread measures the default writer alone (no comparison).
    const writers = (process.env.BENCH_HTTP_WRITERS ?? 'inline,thread').split(',');
    const inline = writers.includes('inline') ? await commandsOn(dir, 'inline', requests, warmup) : undefined;
    const thread = writers.includes('thread') ? await commandsOn(dir, 'thread', requests, warmup) : undefined;
    for (const level of inline && thread ? levels() : []) {
      const before = inline!.get(level)!;
      const after = thread!.get(level)!;
      console.log(`  ${String(level).padStart(2)} connections, thread against inline: p50 ${(after.p50 / before.p50).toFixed(2)}×, p99 ${(after.p99 / before.p99).toFixed(2)}×, commands/s ${(after.perSecond / before.perSecond).toFixed(2)}×`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
