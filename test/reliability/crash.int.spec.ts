import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

interface Ack {
  readonly stream: string;
  readonly first: number;
  readonly last: number;
  readonly position: number;
  readonly batch: string;
}

const WRITER = fileURLToPath(new URL('./crash-appender.js', import.meta.url));
const KILLS = 24;

/** Starts the writer, lets it acknowledge some appends, SIGKILLs it at a random moment; returns what it acknowledged. */
function runUntilKilled(file: string, run: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, file, `run${run}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      timer ??= setTimeout(() => child.kill('SIGKILL'), 5 + Math.random() * 250);
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited with ${code}: ${errors}`));
      resolve(parseAcks(output));
    });
  });
}

function parseAcks(output: string): Ack[] {
  const lines = output.split('\n');
  lines.pop(); // the last line is complete only if it ends with a newline
  return lines.map((line) => {
    const [, stream, first, last, position, batch] = line.split(' ');
    return { stream: stream!, first: Number(first), last: Number(last), position: Number(position), batch: batch! };
  });
}

type Row = { position: number; stream: string; revision: number; batch: string; index: number; size: number };

describe('durability: SIGKILL during appends', function () {
  this.timeout(100_000);
  const dir = mkdtempSync(join(tmpdir(), 'hourbank-crash-'));
  const file = join(dir, 'events.db');
  const acks: Ack[] = [];
  let rows: Row[] = [];
  let db: Database.Database;

  before(async () => {
    for (let run = 0; run < KILLS; run++) acks.push(...(await runUntilKilled(file, run)));
    db = new Database(file);
    rows = db
      .prepare(`SELECT position, stream, revision, json_extract(data, '$.batch') AS batch,
        json_extract(data, '$.index') AS "index", json_extract(data, '$.size') AS size FROM events ORDER BY position`)
      .all() as Row[];
  });
  after(() => {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`was killed ${KILLS} times and acknowledged appends in every run`, () => {
    expect(new Set(acks.map((a) => a.batch.split('-')[0])).size).to.equal(KILLS);
    expect(rows.length).to.be.at.least(acks.reduce((sum, a) => sum + a.last - a.first + 1, 0));
  });

  it('leaves a database that passes integrity_check', () => {
    expect(db.pragma('integrity_check', { simple: true })).to.equal('ok');
  });

  it('keeps every acknowledged batch, where and as it was acknowledged', () => {
    const byBatch = groupBy(rows, (r) => r.batch);
    for (const ack of acks) {
      const stored = byBatch.get(ack.batch) ?? [];
      expect(stored.map((r) => r.revision), ack.batch).to.deep.equal(range(ack.first, ack.last));
      expect(stored.every((r) => r.stream === ack.stream)).to.equal(true);
      expect(stored[stored.length - 1]!.position).to.equal(ack.position);
    }
  });

  it('holds no partial batch', () => {
    for (const [batch, stored] of groupBy(rows, (r) => r.batch)) {
      expect(stored.map((r) => r.index), batch).to.deep.equal(range(0, stored[0]!.size - 1));
    }
  });

  it('has no revision gap in any stream and strictly increasing positions', () => {
    for (const [stream, stored] of groupBy(rows, (r) => r.stream)) {
      expect(stored.map((r) => r.revision), stream).to.deep.equal(range(0, stored.length - 1));
    }
    rows.forEach((r, i) => i > 0 && expect(r.position).to.be.above(rows[i - 1]!.position));
  });
});

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
