import { randomUUID } from 'node:crypto';
import { EventStoreDbModelServer, eventStoreFaultSuite } from '#testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

eventStoreFaultSuite('EventStoreDB through the real client, against EventStoreDbModelServer (a model of the server)', async () => {
  const server = await EventStoreDbModelServer.start();
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString());
  return {
    store,
    dropSubscriptions: async () => void server.subscriptions.drop(),
    invalidPositions: async () => {
      const last = server.log.last!;
      return [last.position + 1, Math.floor((last.position + last.end) / 2), last.end + 1000];
    },
    outage: (ms) => server.restart(ms),
    writeUndecodable: async (stream, type) => {
      const binary = { id: randomUUID(), type, contentType: 'application/octet-stream', data: Uint8Array.from([0xde, 0xad, 0xbe, 0xef]), metadata: new Uint8Array() };
      server.log.append(stream, [binary], { kind: 'any' });
    },
    writeHiddenRecords: async (count) => server.log.appendSystemRecords(count),
    cleanup: async () => (await store.close(), await server.stop()),
  };
});
