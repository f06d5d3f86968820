import { parentPort, workerData } from 'node:worker_threads';
import { SqliteAppender } from './append.js';
import { BatchCommitter, type AppendRequest } from './batch-commit.js';
import { openDatabase } from './database.js';
import { serializeError, type WriterReply, type WriterRequest } from './writer-protocol.js';

/**
 * The writer thread of a SqliteEventStore: its own connection (synchronous=FULL), group commit of whatever appends
 * arrived while the previous COMMIT was syncing. The event loop's thread never waits for an fsync.
 */
const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs: number };
const port = parentPort!;
const db = openDatabase(file, { synchronous: 'FULL', busyTimeoutMs });
const committer = new BatchCommitter(db, new SqliteAppender(db));
let queue: Array<Extract<WriterRequest, { kind: 'append' }>> = [];
let scheduled = false;
let closing = false;

const drain = () => {
  scheduled = false;
  const batch = queue;
  queue = [];
  if (batch.length > 0) {
    const { outcomes, commitMs } = committer.commitBatch(batch as readonly AppendRequest[]);
    outcomes.forEach((outcome, index) => {
      const id = batch[index]!.id;
      const reply: WriterReply = outcome.ok
        ? { id, ok: true, result: outcome.result, commitMs, appends: batch.length, ...(outcome.insertedFrom !== undefined && { insertedFrom: outcome.insertedFrom }) }
        : { id, ok: false, error: serializeError(outcome.error) };
      port.postMessage(reply);
    });
  }
  if (queue.length > 0) schedule();
  else if (closing) {
    db.close();
    port.close();
  }
};

const schedule = () => {
  if (scheduled) return;
  scheduled = true;
  setImmediate(drain);
};

port.on('message', (request: WriterRequest) => {
  if (request.kind === 'close') closing = true;
  else queue.push(request);
  schedule();
});
