export { formatInstant, parseInstant } from '../domain/sla/iso-instant.js';
