import { randomUUID } from 'node:crypto';
import { eventStoreContract } from '#testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];
const SKIPPED =
  'skipped: no EventStoreDB (set EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false to run the contract suite)';

if (connectionString) {
  eventStoreContract('EventStoreDB', async () => {
    const store = EventStoreDbEventStore.fromConnectionString(connectionString);
    // Fail here, once and clearly, rather than in every contract test, when the server is not reachable.
    await store.append(`contractprobe-${randomUUID()}`, [], 'any');
    return { store, cleanup: () => store.close() };
  });
} else {
  describe('EventStore contract: EventStoreDB', () => {
    it('runs against a server named by EVENTSTORE_CONNECTION_STRING', function () {
      console.log(`      ${SKIPPED}`);
      this.skip();
    });
  });
}
