import { createHash } from 'node:crypto';
import type { DomainEvent, EventMetadata, NewEvent, RecordedEvent } from '#kernel';
import { UnknownEventTypeError } from './errors.js';

/** Domain type → stored versioned name, e.g. TicketOpened → 'hourbank.ticket.opened.v1'. */
export type EventNames<E extends DomainEvent> = { readonly [K in E['type']]: string };

/** Turns the payload of an old stored name into the payload of the current stored name. */
export interface Upcaster {
  readonly from: string;
  readonly to: string;
  readonly upcast: (data: unknown) => unknown;
}

const MAX_UPCAST_STEPS = 32;

/** How a stored name reaches its domain type: the upcasters to run, in order. */
interface Path {
  readonly domainType: string;
  readonly steps: readonly Upcaster[];
}

/** Maps domain event types to explicit, versioned stored names and back, upcasting old names on the way in. */
export class EventCodec {
  private readonly stored = new Map<string, string>();
  private readonly domain = new Map<string, string>();
  private readonly upcasters = new Map<string, Upcaster>();
  /** Resolved paths per stored name (decode runs per event); cleared when a name or an upcaster is added. */
  private readonly paths = new Map<string, Path | undefined>();

  constructor(names: Record<string, string>, upcasters: readonly Upcaster[] = []) {
    for (const [domainType, storedType] of Object.entries(names)) this.addName(domainType, storedType);
    for (const upcaster of upcasters) this.addUpcaster(upcaster);
  }

  static merge(...codecs: EventCodec[]): EventCodec {
    const merged = new EventCodec({});
    for (const codec of codecs) {
      for (const [domainType, storedType] of codec.stored) merged.addName(domainType, storedType);
      for (const upcaster of codec.upcasters.values()) merged.addUpcaster(upcaster);
    }
    return merged;
  }

  storedType(domainType: string): string {
    const storedType = this.stored.get(domainType);
    if (storedType === undefined) throw new Error(`No stored name for domain event type ${domainType}`);
    return storedType;
  }

  knows(storedType: string): boolean {
    return this.resolve(storedType) !== undefined;
  }

  encode(event: DomainEvent, envelope: { id: string; metadata: EventMetadata }): NewEvent {
    return { id: envelope.id, type: this.storedType(event.type), data: event.data, metadata: envelope.metadata };
  }

  decode<E extends DomainEvent = DomainEvent>(recorded: Pick<RecordedEvent, 'type' | 'data'>): E {
    const path = this.resolve(recorded.type);
    if (path === undefined) throw new UnknownEventTypeError(recorded.type);
    let data = recorded.data;
    for (const upcaster of path.steps) data = upcaster.upcast(data);
    return { type: path.domainType, data } as E;
  }

  private resolve(storedType: string): Path | undefined {
    if (this.paths.has(storedType)) return this.paths.get(storedType);
    const path = this.walk(storedType);
    this.paths.set(storedType, path);
    return path;
  }

  private walk(storedType: string): Path | undefined {
    const steps: Upcaster[] = [];
    let current = storedType;
    while (steps.length <= MAX_UPCAST_STEPS) {
      const domainType = this.domain.get(current);
      if (domainType !== undefined) return { domainType, steps };
      const upcaster = this.upcasters.get(current);
      if (upcaster === undefined) return undefined;
      steps.push(upcaster);
      current = upcaster.to;
    }
    return undefined;
  }

  private addName(domainType: string, storedType: string): void {
    const existing = this.stored.get(domainType);
    const owner = this.domain.get(storedType);
    if ((existing !== undefined && existing !== storedType) || (owner !== undefined && owner !== domainType)) {
      throw new Error(`Conflicting event names: ${domainType} → ${storedType}`);
    }
    this.stored.set(domainType, storedType);
    this.domain.set(storedType, domainType);
    this.paths.clear();
  }

  private addUpcaster(upcaster: Upcaster): void {
    const existing = this.upcasters.get(upcaster.from);
    if (existing !== undefined && existing !== upcaster) {
      throw new Error(`Two upcasters from ${upcaster.from}`);
    }
    this.upcasters.set(upcaster.from, upcaster);
    this.paths.clear();
  }
}

/** Fixed namespace for event ids, so the same command id and index always give the same event id. */
const EVENT_ID_NAMESPACE = Buffer.from('6f1c3a52e7d94b0e8a4f2d5c9b7e1a30', 'hex');

/** A name-based UUID (version 5 layout, SHA-1): a retried command writes the very same event ids. */
export function deterministicEventId(commandId: string, index: number): string {
  const hash = createHash('sha1').update(EVENT_ID_NAMESPACE).update(`${commandId}#${index}`).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
