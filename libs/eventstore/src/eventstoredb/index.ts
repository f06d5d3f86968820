export { EventStoreDbEventStore } from './eventstoredb-event-store.js';
export { EventStoreDbSubscription } from './eventstoredb-subscription.js';
