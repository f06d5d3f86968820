export * from './events.js';
export * from './decider.js';
export * from './draft.js';
export * from './domain-error.js';
export * from './clock.js';
export * from './units.js';
export * from './canonical-json.js';
