import { randomUUID } from 'node:crypto';
import type { NewEvent } from '#kernel';
import { SqliteEventStore } from '#eventstore';

/**
 * Crash-test writer: appends batches of varying size to a few streams with exact expected revisions, one writer per
 * stream all at once (so the store commits several appends together), printing
 * `ack <stream> <first> <last> <position> <batch>` only after each append has returned.
 * It runs until killed; on restart it continues each stream from its last stored revision.
 */
const [filePath, run] = process.argv.slice(2);
const STREAMS = ['crash-a', 'crash-b', 'crash-c', 'crash-d', 'crash-e'];
const store = SqliteEventStore.open(filePath!);
const metadata = { actor: 'crash-test', correlationId: run!, occurredAt: new Date().toISOString() };

async function lastRevision(stream: string): Promise<number> {
  for await (const event of store.readStream(stream, { direction: 'backwards', maxCount: 1 })) return event.revision;
  return -1;
}

function batch(id: string, size: number): NewEvent[] {
  return Array.from({ length: size }, (_, index) => ({
    id: randomUUID(),
    type: 'crash.appended.v1',
    data: { batch: id, index, size, padding: 'x'.repeat(index % 7 === 0 ? 2000 : 40) },
    metadata,
  }));
}

async function writeForever(stream: string, offset: number): Promise<void> {
  let expected = await lastRevision(stream);
  for (let n = 0; ; n++) {
    const size = [1, 2, 5, 17, 60, 150][(n + offset + Math.floor(Math.random() * 6)) % 6]!;
    const id = `${run}-${stream}-${n}`;
    const result = await store.append(stream, batch(id, size), expected < 0 ? 'no_stream' : expected);
    process.stdout.write(`ack ${stream} ${expected + 1} ${result.nextExpectedRevision} ${result.position} ${id}\n`);
    expected = result.nextExpectedRevision;
  }
}

void Promise.all(STREAMS.map(writeForever));
