export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store.js';
export { EventStoreDbSubscription } from './eventstoredb-subscription.js';
export { eventStoreDbConnectionProblems } from './connection-settings.js';
