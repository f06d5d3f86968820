export { formatInstant, parseInstant } from '../domain/sla/iso-instant.js';
export * from './ticket-numbering.reactor.js';
