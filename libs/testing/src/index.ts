export * from './decider-specification.js';
export * from './in-memory-event-store.js';
export * from './contract/event-store.contract.js';
export * from './postgres/test-postgres.js';
export { ContractFixture, collect } from './contract/contract-fixture.js';
export * from './contract/idempotency-store.contract.js';
export * from './eventstoredb-model/index.js';
export * from './faults/event-store-faults.suite.js';
export { DroppableEventStore } from './faults/droppable-event-store.js';
