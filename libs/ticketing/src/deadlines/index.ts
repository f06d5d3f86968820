export * from './ticket-deadlines.js';
export * from './ticket-deadline-steps.js';
export * from './ticket-deadlines.store.js';
