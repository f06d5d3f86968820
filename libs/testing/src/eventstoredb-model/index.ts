export { EventStoreDbModelServer, type EventStoreDbModelServerOptions } from './model-server.js';
export { ModelLog, type ModelRecord, type ProposedEvent } from './model-log.js';
export type { ModelFaults } from './model-faults.js';
export type { ModelGroup } from './model-persistent.js';
