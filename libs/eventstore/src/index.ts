export * from './event-store.js';
export * from './errors.js';
export * from './codec.js';
export * from './undecodable-event.js';
export * from './sqlite/index.js';
export * from './eventstoredb/index.js';
export * from './postgres/index.js';
export * from './create-event-store.js';
