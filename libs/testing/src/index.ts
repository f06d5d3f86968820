export * from './decider-specification.js';
export * from './in-memory-event-store.js';
export * from './contract/event-store.contract.js';
export * from './postgres/test-postgres.js';
export { ContractFixture, collect } from './contract/contract-fixture.js';
