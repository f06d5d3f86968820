export * from './calendar-admin.events.js';
export * from './calendar-admin.commands.js';
export * from './calendar-admin.decider.js';
