import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { addPeriods, periodOf, periodStart } from '#calendar';
import { SqliteEventStore } from '#eventstore';
import { openReadModelDatabase } from '#projections';
import { envInt, median } from './bench-kit.js';
import { ApiProcess, type Connection, expectStatus } from './http-kit.js';
import { HistoryWriter } from './rebuild.bench-history.js';

const sizes = (name: string, fallback: string): number[] => (process.env[name] ?? fallback).split(',').map(Number);
const MONTHS = 12;

/** Median ms of `rounds` runs after one warm-up; a run slower than 10 s is not repeated more than once. */
async function timed(rounds: number, run: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  const first = performance.now();
  await run();
  const warm = performance.now() - first;
  for (let i = 0; i < (warm > 10_000 ? 1 : rounds); i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function waitUntilLive(manager: Connection): Promise<void> {
  for (;;) {
    const status = expectStatus(await manager.send('GET', '/admin/projections'), 200).body as { consumers: { state: string; lag: number }[] };
    if (status.consumers.every((c) => c.state === 'live' && c.lag === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The client's whole feed from 0 (pages of 500 until caughtUp): a client whose events are spread over a long log. */
async function walkFeed(client: Connection): Promise<{ pages: number; ms: number; events: number }> {
  const started = performance.now();
  let after = 0;
  let events = 0;
  for (let pages = 1; ; pages++) {
    const body = expectStatus(await client.send('GET', `/feed?after=${after}&limit=500`), 200).body as { events: unknown[]; next: number; caughtUp: boolean };
    events += body.events.length;
    after = body.next;
    if (body.caughtUp) return { pages, ms: performance.now() - started, events };
  }
}

async function walkList(manager: Connection, accountId: string): Promise<{ pages: number; perPage: number }> {
  const times: number[] = [];
  let path = `/tickets?accountId=${accountId}&size=100`;
  for (let page = 1; ; page++) {
    const started = performance.now();
    const body = expectStatus(await manager.send('GET', path), 200).body as { items: unknown[]; next?: string; total?: number };
    times.push(performance.now() - started);
    if (body.items.length < 100) break;
    path = body.next !== undefined ? `/tickets?accountId=${accountId}&size=100&after=${encodeURIComponent(body.next)}` : `/tickets?accountId=${accountId}&size=100&page=${page + 1}`;
  }
  return { pages: times.length, perPage: median(times) };
}

/**
 * (d) Reads that must not grow with history, on accounts of 10, 1,000 and 10,000 tickets over 12 months
 * (BENCH_READ_TICKETS) and tickets of 10, 1,000 and 10,000 time entries (BENCH_READ_ENTRIES), generated through the
 * deciders, served by the API as its own process: the month's report, a ticket, the account's ticket list (first page,
 * and every page of 100), the feed's first page for the account's client and its whole feed from 0 (the smallest
 * account's events are spread over the log: its long tickets come last); a time entry on and a view of the long
 * tickets. Medians of BENCH_READ_ROUNDS (5) in ms, and the growth against the smallest size of the same run.
 * BENCH_READS_DIR keeps the data dir between runs (a restart of an installation with that history: what it reuses,
 * the read models included, is said in the output).
 */
export async function runLargeReadsBench(): Promise<void> {
  const tickets = sizes('BENCH_READ_TICKETS', '10,1000,10000');
  const entries = sizes('BENCH_READ_ENTRIES', '10,1000,10000');
  const rounds = envInt('BENCH_READ_ROUNDS', 5);
  const kept = process.env.BENCH_READS_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), 'hourbank-bench-reads-'));
  const dataDir = join(dir, 'data');
  const current = periodOf(Temporal.Now.instant(), 'America/Sao_Paulo');
  const first = addPeriods(current, -MONTHS);
  const reported = addPeriods(current, -1);
  const marker = join(dir, 'shape.json');
  const shape = JSON.stringify({ tickets, entries, first });
  if (existsSync(marker) && readFileSync(marker, 'utf8') === shape) {
    console.log(`\nreads on large accounts: reusing the history (and read models) in ${dataDir}; medians of ${rounds} in ms`);
  } else {
    rmSync(dataDir, { recursive: true, force: true });
    const generating = performance.now();
    const store = SqliteEventStore.open(join(dataDir, 'events.sqlite'), { writer: 'inline' });
    const writer = new HistoryWriter(store);
    for (const size of tickets) await writer.writeAccount(`big${size}`, first, MONTHS, (m) => Math.floor(((m + 1) * size) / MONTHS) - Math.floor((m * size) / MONTHS));
    for (const size of entries) await writer.writeLongTicket(`big${tickets[0]}`, `long${size}`, size, periodStart(reported, 'America/Sao_Paulo').add({ hours: 40 }));
    const head = store.headPosition();
    await store.close();
    const readModels = openReadModelDatabase(join(dataDir, 'readmodels.sqlite'));
    // The generated history is already reacted to: only projections (and snapshots) replay it.
    for (const reactor of ['ticket-account', 'ticket-numbering']) readModels.prepare('INSERT INTO reactor_checkpoints (reactor, position) VALUES (?, ?)').run(reactor, head);
    readModels.close();
    writeFileSync(marker, shape);
    console.log(`\nreads on large accounts: ${head} events generated in ${((performance.now() - generating) / 1000).toFixed(1)} s; medians of ${rounds} in ms`);
  }
  const api = await ApiProcess.start(dataDir);
  try {
    const manager = await api.connection('manager', 'bench-manager');
    const agent = await api.connection('agent', 'bench-agent');
    const catchingUp = performance.now();
    await waitUntilLive(manager);
    console.log(`  read models caught up in ${((performance.now() - catchingUp) / 1000).toFixed(1)} s`);
    const measure = async (size: number, times: number) => {
      const accountId = `big${size}`;
      const client = await api.connection('client', `client-${size}`, [accountId]);
      const report = await timed(times, async () => expectStatus(await manager.send('GET', `/accounts/${accountId}/reports/${reported}?format=json`), 200));
      const ticket = await timed(times, async () => expectStatus(await manager.send('GET', `/tickets/${accountId}-${reported}-0`), 200));
      const firstPage = await timed(times, async () => expectStatus(await manager.send('GET', `/tickets?accountId=${accountId}&size=100`), 200));
      const { pages, perPage } = await walkList(manager, accountId);
      const feed = await timed(times, async () => expectStatus(await client.send('GET', '/feed?after=0&limit=100'), 200));
      const walks = [];
      for (let i = 0; i < Math.min(times, 3); i++) walks.push(await walkFeed(client));
      const feedWalk = { ...walks[0]!, ms: median(walks.map((w) => w.ms)) };
      client.close();
      return { size, report, ticket, firstPage, pages, perPage, feed, feedWalk };
    };
    for (let i = 0; i < 3; i++) await measure(tickets[0]!, 1); // warms the routes up before anything is measured
    const rows = [];
    for (const size of tickets) rows.push(await measure(size, rounds));
    const f = (ms: number) => ms.toFixed(1).padStart(9);
    console.log('  tickets   report  ticket view   list p.1  list/page (pages)   feed p.1 (client, from 0)   whole feed of the client (pages, events)');
    for (const r of rows) {
      console.log(`  ${String(r.size).padStart(7)} ${f(r.report)} ${f(r.ticket)}  ${f(r.firstPage)} ${f(r.perPage)} (${r.pages})   ${f(r.feed)}              ${f(r.feedWalk.ms)} (${r.feedWalk.pages}, ${r.feedWalk.events})`);
    }
    const base = rows[0]!;
    for (const r of rows.slice(1)) {
      const g = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
      console.log(`  growth ${base.size} → ${r.size} tickets (${r.size / base.size}× the data): report ${g(r.report, base.report)}, ticket ${g(r.ticket, base.ticket)}, ` +
        `list p.1 ${g(r.firstPage, base.firstPage)}, list/page ${g(r.perPage, base.perPage)}, feed ${g(r.feed, base.feed)}${r.size >= 10_000 ? `; report under 1 s: ${r.report < 1000 ? 'yes' : 'no'}` : ''}`);
    }
    console.log('  entries   GET ticket   POST time entry');
    const long: Array<{ size: number; view: number; post: number }> = [];
    for (const size of entries) {
      const view = await timed(rounds, async () => expectStatus(await manager.send('GET', `/tickets/long${size}`), 200));
      const post = await timed(rounds, async () => expectStatus(await agent.send('POST', `/tickets/long${size}/time-entries`,
        { minutes: 5, activity: 'development', performedOn: '2024-01-02' }, { 'idempotency-key': randomUUID() }), 201));
      long.push({ size, view, post });
      console.log(`  ${String(size).padStart(7)} ${f(view)}    ${f(post)}`);
    }
    for (const r of long.slice(1)) console.log(`  growth ${long[0]!.size} → ${r.size} entries: view ${(r.view / long[0]!.view).toFixed(1)}×, time entry ${(r.post / long[0]!.post).toFixed(1)}×`);
    manager.close();
    agent.close();
  } finally {
    await api.stop();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}
