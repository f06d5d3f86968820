export * from './ticket-state-folder.js';
export * from './ticket-list.projection.js';
export * from './sla-timers.projection.js';
export * from './sla-timers.queries.js';
export * from './queue.queries.js';
