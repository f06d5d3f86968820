export * from './json-schema.js';
export * from './envelope.js';
export * from './event-contract.js';
export * from './published-contracts.js';
