import type { RecordedEvent } from '#kernel';
import { accountContracts } from './account.contracts.js';
import { adminContracts, reportContracts } from './admin.contracts.js';
import { envelopeSchema, publicEnvelope, type PublicEvent } from './envelope.js';
import type { EventContract, PublicContext } from './event-contract.js';
import type { JsonSchema } from './json-schema.js';
import { ticketContracts } from './ticket.contracts.js';
import { contractEventContracts, conversationContracts, serviceEventContracts } from './service.contracts.js';

const all: readonly EventContract[] = [
  ...accountContracts, ...contractEventContracts, ...ticketContracts, ...serviceEventContracts, ...conversationContracts, ...reportContracts, ...adminContracts,
];

/** Every published event type, keyed by its stored, versioned name. */
export const publishedContracts: ReadonlyMap<string, EventContract> = new Map(all.map((contract) => [contract.type, contract]));

export const contractFor = (type: string): EventContract | undefined => publishedContracts.get(type);

/** The JSON Schema (draft 2020-12) of each published event, envelope included, keyed by stored type. */
export function loadPublishedSchemas(): Readonly<Record<string, JsonSchema>> {
  const schemas: Record<string, JsonSchema> = {};
  for (const contract of all) schemas[contract.type] = envelopeSchema(contract.type, contract.title, contract.summary, contract.data);
  return schemas;
}

/** The public projection of a recorded event, or undefined when its type is not published. */
export function toPublicEvent(recorded: RecordedEvent, context: PublicContext = {}): PublicEvent | undefined {
  const contract = contractFor(recorded.type);
  if (!contract) return undefined;
  return publicEnvelope(recorded, contract.toPublic(recorded.data as Record<string, unknown>, context));
}
