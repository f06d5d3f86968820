export * from './decider-specification.js';
export * from './in-memory-event-store.js';
export * from './contract/event-store.contract.js';
export * from './contract/idempotency-store.contract.js';
