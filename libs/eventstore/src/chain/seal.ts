import { createHash } from 'node:crypto';
import { canonicalJson, type EventMetadata, type NewEvent, type RecordedEvent } from '#kernel';
import { UndecodableEvent } from '../undecodable-event.js';

/**
 * The seal every stored event carries in its metadata (`metadata.chain`): the SHA-256 of its own content and of its
 * predecessor's seal in the same stream. Changing an event breaks its own seal; deleting, inserting or moving one
 * breaks the link of the next. The seal covers what the writer decides: stream, revision, id, type, data and metadata
 * (position and recording time are the store's; the global chain of the log notary covers them).
 */
export interface Seal {
  /** Hex SHA-256 of the event's content and `prev`. */
  readonly hash: string;
  /** The seal hash of the previous event of the stream; null for the first one. */
  readonly prev: string | null;
}

export const SEAL_KEY = 'chain';
const SEAL_VERSION = 1;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface SealedContent {
  readonly stream: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** The metadata as the writer gave it, without the seal (the seal cannot cover itself). */
const unsealedMetadata = (metadata: EventMetadata): Record<string, unknown> => {
  const { [SEAL_KEY]: _seal, ...rest } = metadata;
  return rest;
};

/** The hash of an event's content linked to `prev`: what its seal says, and what a verifier recomputes. */
export const contentHash = (event: SealedContent, prev: string | null): string =>
  sha256(canonicalJson({
    v: SEAL_VERSION, stream: event.stream, revision: event.revision, id: event.id, type: event.type,
    data: event.data ?? null, metadata: unsealedMetadata(event.metadata), prev,
  }));

const isSeal = (value: unknown): value is Seal => {
  const seal = value as Partial<Seal> | null;
  return typeof seal === 'object' && seal !== null && typeof seal.hash === 'string' && (seal.prev === null || typeof seal.prev === 'string');
};

/** The seal an event carries, or undefined for one written without (before sealing, or around the store). */
export const sealOf = (event: Pick<RecordedEvent, 'metadata'>): Seal | undefined => {
  const seal = (event.metadata as Record<string, unknown>)[SEAL_KEY];
  return isSeal(seal) ? seal : undefined;
};

/** An event whose payload cannot be read: its envelope is all there is to hash. */
const envelopeHash = (event: RecordedEvent): string =>
  sha256(canonicalJson({ v: SEAL_VERSION, undecodable: true, stream: event.stream, revision: event.revision, id: event.id, type: event.type }));

/**
 * What the next event of the stream links to: the event's seal hash, or for an event without a seal (written before
 * sealing began) the hash of its content on its own, so that a stream's chain can begin after older events.
 */
export const linkHash = (event: RecordedEvent): string => {
  if (event instanceof UndecodableEvent) return envelopeHash(event);
  return sealOf(event)?.hash ?? contentHash(event, null);
};

/** What a verifier finds for one recorded event, judged on its own content. */
export type SealCheck =
  | { readonly kind: 'sealed'; readonly hash: string; readonly prev: string | null }
  | { readonly kind: 'broken'; readonly hash: string; readonly prev: string | null; readonly claimed: string }
  | { readonly kind: 'unsealed'; readonly hash: string }
  | { readonly kind: 'undecodable'; readonly hash: string };

export const checkSeal = (event: RecordedEvent): SealCheck => {
  if (event instanceof UndecodableEvent) return { kind: 'undecodable', hash: envelopeHash(event) };
  let seal: Seal | undefined;
  try {
    seal = sealOf(event);
  } catch {
    return { kind: 'undecodable', hash: envelopeHash(event) };
  }
  if (!seal) return { kind: 'unsealed', hash: contentHash(event, null) };
  const hash = contentHash(event, seal.prev);
  return hash === seal.hash ? { kind: 'sealed', hash, prev: seal.prev } : { kind: 'broken', hash, prev: seal.prev, claimed: seal.hash };
};

/** The events of one append, sealed for the revisions after `lastRevision`, the first one linked to `prev`. */
export function sealEvents(stream: string, lastRevision: number, prev: string | null, events: readonly NewEvent[]): NewEvent[] {
  let link = prev;
  return events.map((event, i) => {
    const metadata = unsealedMetadata(event.metadata) as EventMetadata;
    const hash = contentHash({ stream, revision: lastRevision + 1 + i, id: event.id, type: event.type, data: event.data, metadata }, link);
    const sealed: NewEvent = { id: event.id, type: event.type, data: event.data ?? null, metadata: { ...metadata, [SEAL_KEY]: { hash, prev: link } } };
    link = hash;
    return sealed;
  });
}
