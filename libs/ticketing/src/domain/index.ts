export * from './ticket/events.js';
export * from './ticket/commands.js';
export * from './ticket/state.js';
export * from './ticket/ticket-decider.js';
export { TRAINING_PARTICIPANT_LIMIT } from './ticket/decide-opening.js';
export * from './sla/sla-timers.js';
export * from './sla/sla-deadlines.js';
export { dueTicketFacts, isTimeTriggeredTicketEvent } from './ticket/due-facts.js';
export * from './ticket/ticket-numbering.js';
