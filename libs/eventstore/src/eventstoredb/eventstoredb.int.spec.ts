import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { BACKWARDS, binaryEvent, END, EventStoreDBClient } from '@eventstore/db-client';
import { DroppableEventStore, eventStoreContract, eventStoreFaultSuite } from '#testing';
import { AppendTooLargeError, InvalidPositionError } from '../errors.js';
import { recordPosition } from './envelope.js';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
const SKIPPED =
  'skipped: no EventStoreDB (set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run the contract and fault suites against a real server)';

/** The adapter on its own client, and the client itself for what the port cannot write (binary events, stream metadata). */
function onServer(url: string) {
  const client = EventStoreDBClient.connectionString(url);
  return { client, adapter: new EventStoreDbEventStore(client) };
}

async function lastRecord(client: EventStoreDBClient): Promise<number | undefined> {
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) return recordPosition(resolved);
  return undefined;
}

/** Stream metadata is written as `$metadata` events in `$$<stream>`: system records in $all. */
async function writeSystemRecords(client: EventStoreDBClient, count: number): Promise<void> {
  const stream = `faults-hidden-${randomUUID()}`;
  for (let i = 0; i < count; i++) await client.setStreamMetadata(stream, { maxCount: 1000 + i });
}

if (connectionString) {
  eventStoreContract('EventStoreDB (the server at EVENTSTORE_CONNECTION_STRING)', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(connectionString);
    // Fail here, once and clearly, rather than in every contract test, when the server is not reachable.
    await store.append(`contractprobe-${randomUUID()}`, [], 'any');
    return { store, cleanup: () => store.close() };
  });

  eventStoreFaultSuite('EventStoreDB (the server at EVENTSTORE_CONNECTION_STRING; subscriptions cut at the port)', async () => {
    const { client, adapter } = onServer(connectionString);
    const store = new DroppableEventStore(adapter);
    return {
      store,
      dropSubscriptions: async () => void store.drop(),
      invalidPositions: async () => [(await adapter.status()).headPosition! + 1],
      writeUndecodable: async (stream, type) => void (await client.appendToStream(stream, binaryEvent({ type, data: Uint8Array.from([1, 2, 3]) }))),
      writeHiddenRecords: (count) => writeSystemRecords(client, count),
      cleanup: () => adapter.close(),
    };
  });

  describe('EventStoreDB adapter against the server at EVENTSTORE_CONNECTION_STRING', function () {
    this.timeout(30_000);
    const server = onServer(connectionString);
    after(() => server.adapter.close());

    it('takes the head from the last record of $all, after 150 system records', async () => {
      await server.adapter.append(`faults-${randomUUID()}`, [], 'any');
      await writeSystemRecords(server.client, 150);
      expect((await server.adapter.status()).headPosition).to.equal(await lastRecord(server.client));
    });

    it('refuses the position after a real one: isPosition false, a read from it the port error', async () => {
      const head = (await server.adapter.status()).headPosition!;
      expect(await server.adapter.isPosition(head)).to.equal(true);
      expect(await server.adapter.isPosition(head + 1)).to.equal(false);
      const failure = await (async () => {
        for await (const _ of server.adapter.readAll({ after: head + 1 })) void _;
      })().catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(InvalidPositionError);
    });

    it('maps an append over the server limit (1 MiB by default) to the port error', async () => {
      const huge = { id: randomUUID(), type: 'faults.huge.v1', data: { text: 'x'.repeat(1_100_000) }, metadata: { actor: 'faults', correlationId: 'c', occurredAt: '2026-01-01T00:00:00Z' } };
      const failure = await server.adapter.append(`faults-${randomUUID()}`, [huge], 'any').catch((error: unknown) => error);
      expect(failure).to.be.instanceOf(AppendTooLargeError);
    });
  });
} else {
  describe('EventStore contract and faults: EventStoreDB (a real server)', () => {
    it('run against a server named by EVENTSTORE_CONNECTION_STRING', function () {
      console.log(`      ${SKIPPED}`);
      this.skip();
    });
  });
}
