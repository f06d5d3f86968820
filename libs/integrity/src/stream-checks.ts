import type { RecordedEvent } from '#kernel';
import { type SealCheck, sealOf } from '#eventstore';
import type { Findings } from './findings.js';

interface StreamState {
  readonly revision: number;
  /** What the next event's seal must name as `prev`: this one's seal hash (or content hash when unsealed). */
  readonly link: string;
  readonly sealed: boolean;
  readonly position: number;
  readonly id: string;
  /** Revisions skipped so far, with the event after them: deleted, unless they turn up later (then reordered). */
  readonly gaps?: readonly Gap[];
}

interface Gap {
  readonly from: number;
  readonly to: number;
  readonly after: RecordedEvent;
}

/**
 * The per-stream chains, checked in the log's order: revisions follow each other, each seal holds, and each names
 * the event before it. Memory grows with the number of streams, not of events.
 */
export class StreamChecks {
  private readonly streams = new Map<string, StreamState>();
  unsealed = 0;

  constructor(private readonly findings: Findings) {}

  get streamCount(): number {
    return this.streams.size;
  }

  check(event: RecordedEvent, seal: SealCheck): void {
    const before = this.streams.get(event.stream);
    const expected = before ? before.revision + 1 : 0;
    const at = { position: event.position, eventId: event.id, stream: event.stream, revision: event.revision };
    let gaps = before?.gaps ?? [];
    if (event.revision < expected) {
      this.findings.add({ kind: 'reordered', ...at, detail: `revision ${event.revision} comes after revision ${before!.revision} (position ${before!.position}) in the log` });
      gaps = gaps.flatMap((gap) => without(gap, event.revision));
    } else if (event.revision > expected) {
      gaps = [...gaps, { from: expected, to: event.revision - 1, after: event }];
    } else {
      this.checkLink(event, seal, before, at);
    }
    if (event.revision < expected) return void this.streams.set(event.stream, { ...before!, gaps });
    const link = seal.kind === 'broken' ? seal.claimed : seal.hash;
    this.streams.set(event.stream, {
      revision: event.revision, link, sealed: (before?.sealed ?? false) || seal.kind === 'sealed' || seal.kind === 'broken',
      position: event.position, id: event.id, gaps,
    });
  }

  /** Revisions still missing once the whole log was read were deleted. */
  finish(): void {
    for (const [stream, state] of this.streams) {
      for (const { from, to, after } of state.gaps ?? []) {
        const missing = from === to ? `revision ${from} is` : `revisions ${from} to ${to} are`;
        this.findings.add({ kind: 'deleted', position: after.position, eventId: after.id, stream, revision: after.revision, detail: `${missing} missing from the stream, before this event` });
      }
    }
  }

  private checkLink(event: RecordedEvent, seal: SealCheck, before: StreamState | undefined, at: Omit<Parameters<Findings['add']>[0], 'kind' | 'detail'>): void {
    switch (seal.kind) {
      case 'broken':
        return this.findings.add({ kind: 'modified', ...at, detail: 'its content no longer matches its seal' });
      case 'undecodable':
        return this.findings.add({ kind: 'inserted', ...at, detail: 'it cannot be read as Hour Bank writes events: written around the store' });
      case 'unsealed':
        if (before?.sealed) return this.findings.add({ kind: 'inserted', ...at, detail: 'it has no seal, after sealed events of its stream: written around the store' });
        this.unsealed++;
        return;
      case 'sealed': {
        const prev = sealOf(event)!.prev;
        if (prev === (before?.link ?? null)) return;
        if (!before) return this.findings.add({ kind: 'deleted', ...at, detail: 'it is sealed after an event its stream no longer begins with' });
        return this.findings.add({
          kind: 'modified', position: before.position, eventId: before.id, stream: event.stream, revision: before.revision,
          detail: `it is not the event that revision ${event.revision} (${event.id}) was sealed after: replaced or re-sealed`,
        });
      }
    }
  }
}

const without = (gap: Gap, revision: number): Gap[] => {
  if (revision < gap.from || revision > gap.to) return [gap];
  return [{ ...gap, to: revision - 1 }, { ...gap, from: revision + 1 }].filter((part) => part.from <= part.to);
};
