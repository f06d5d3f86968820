export * from './event-store.js';
export * from './errors.js';
export * from './codec.js';
export * from './sqlite/index.js';
