export * from './ticket-deadlines.js';
