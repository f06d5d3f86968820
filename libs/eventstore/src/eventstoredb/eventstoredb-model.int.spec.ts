import { EventStoreDbModelServer, eventStoreContract } from '#testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store.js';

eventStoreContract('EventStoreDB through the real client, against EventStoreDbModelServer (a model of the server)', async () => {
  const server = await EventStoreDbModelServer.start();
  const store = EventStoreDbEventStore.fromConnectionString(server.connectionString());
  return { store, cleanup: async () => (await store.close(), await server.stop()) };
});
