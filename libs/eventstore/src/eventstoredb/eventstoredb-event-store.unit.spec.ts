import { Readable } from 'node:stream';
import { expect } from 'chai';
import { StreamNotFoundError, WrongExpectedVersionError, type EventStoreDBClient } from '@eventstore/db-client';
import type { NewEvent } from '#kernel';
import { WrongExpectedRevisionError } from '../errors.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const metadata = { actor: 'user-1', correlationId: 'c-1', occurredAt: '2025-03-01T10:00:00Z' };
const newEvent = (id: string): NewEvent => ({ id, type: 'hourbank.ticket.noted.v1', data: { id }, metadata });

/** What the server holds for one stream, shaped as the client hands it over. */
function stored(stream: string, ids: string[]) {
  return ids.map((id, revision) => ({
    event: {
      streamId: stream, id, isJson: true, revision: BigInt(revision), type: 'hourbank.ticket.noted.v1',
      created: new Date(0), data: { id }, metadata, position: { commit: BigInt(100 + revision), prepare: BigInt(100 + revision) },
    },
  }));
}

function streamingRead(items: unknown[], error?: Error) {
  const read = Readable.from((async function* () {
    yield* items;
    if (error) throw error;
  })(), { objectMode: true }) as Readable & { cancel(): Promise<void> };
  read.cancel = async () => void read.destroy();
  return read;
}

/** A client double: appends always conflict with `current`; reads serve `ids` from revision `fromRevision`. */
function conflictingClient(stream: string, ids: string[], current: bigint | 'no_stream') {
  return {
    appendToStream: async (_s: string, _e: unknown, options: { expectedRevision: bigint | string }) => {
      throw new WrongExpectedVersionError(undefined, { streamName: stream, expected: options.expectedRevision as bigint, current });
    },
    readStream: (_s: string, options: { fromRevision: bigint; maxCount?: bigint }) => {
      const from = Number(options.fromRevision);
      const count = options.maxCount === undefined ? ids.length : Number(options.maxCount);
      return streamingRead(stored(stream, ids).slice(from, from + count));
    },
  } as unknown as EventStoreDBClient;
}

describe('EventStoreDbEventStore without a server', () => {
  it('returns the first result when the same ids already sit where an exact-revision append would put them', async () => {
    const store = new EventStoreDbEventStore(conflictingClient('ticket-1', ['a', 'b', 'c'], 2n));
    const result = await store.append('ticket-1', [newEvent('b'), newEvent('c')], 0);
    expect(result).to.deep.equal({ nextExpectedRevision: 2, position: 102 });
  });

  it('treats a repeated no-stream append as the first write', async () => {
    const store = new EventStoreDbEventStore(conflictingClient('ticket-1', ['a'], 0n));
    expect(await store.append('ticket-1', [newEvent('a')], 'no_stream')).to.deep.equal({ nextExpectedRevision: 0, position: 100 });
  });

  it('raises the port conflict, with expected and actual, when other events are at that place', async () => {
    const store = new EventStoreDbEventStore(conflictingClient('ticket-1', ['a', 'x'], 1n));
    const failure = await store.append('ticket-1', [newEvent('b')], 0).catch((error: unknown) => error);
    expect(failure).to.be.instanceOf(WrongExpectedRevisionError);
    expect(failure).to.include({ stream: 'ticket-1', expected: 0, actual: 1 });
  });

  it('reports no_stream as the actual revision of a missing stream', async () => {
    const store = new EventStoreDbEventStore(conflictingClient('ticket-1', [], 'no_stream'));
    const failure = await store.append('ticket-1', [newEvent('a')], 'stream_exists').catch((error: unknown) => error);
    expect(failure).to.include({ expected: 'stream_exists', actual: 'no_stream' });
  });

  it('yields nothing for a stream that does not exist', async () => {
    const client = { readStream: () => streamingRead([], new StreamNotFoundError(undefined, 'ticket-404')) };
    const store = new EventStoreDbEventStore(client as unknown as EventStoreDBClient);
    const events = [];
    for await (const event of store.readStream('ticket-404')) events.push(event);
    expect(events).to.deep.equal([]);
  });

  it('applies a readAll filter on the client, counting maxCount after it', async () => {
    const account = stored('account-1', ['a0', 'a1']).map((item) => ({ event: { ...item.event, position: { commit: 200n, prepare: 200n } } }));
    const client = { readAll: () => streamingRead([...stored('ticket-1', ['t0', 't1']), ...account, ...stored('ticket-2', ['u0'])]) };
    const store = new EventStoreDbEventStore(client as unknown as EventStoreDBClient);
    const read = async (options: Parameters<typeof store.readAll>[0]) => {
      const ids = [];
      for await (const event of store.readAll(options)) ids.push(event.id);
      return ids;
    };
    expect(await read({ filter: { streamCategories: ['ticket'] } })).to.deep.equal(['t0', 't1', 'u0']);
    expect(await read({ filter: { streamCategories: ['ticket'] }, maxCount: 2 })).to.deep.equal(['t0', 't1']);
    expect(await read({ filter: { eventTypes: ['hourbank.ticket.other.v1'] } })).to.deep.equal([]);
  });

  it('counts maxCount on readAll after dropping system events and the event at the checkpoint', async () => {
    const system = { event: { ...stored('$settings', ['s'])[0]!.event, type: '$metadata', position: { commit: 99n, prepare: 99n } } };
    const client = { readAll: () => streamingRead([system, ...stored('ticket-1', ['a', 'b', 'c'])]) };
    const store = new EventStoreDbEventStore(client as unknown as EventStoreDBClient);
    const ids = [];
    for await (const event of store.readAll({ after: 100, maxCount: 1 })) ids.push(event.id);
    expect(ids).to.deep.equal(['b']);
  });
});
