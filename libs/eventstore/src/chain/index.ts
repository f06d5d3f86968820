export * from './seal.js';
export { SealingEventStore } from './sealing-event-store.js';
