import type { RecordedEvent } from '#kernel';
import { type EventStore, checkSeal } from '#eventstore';
import { CheckpointChecks, type CheckpointSources } from './checkpoint-checks.js';
import type { SignedCheckpoint } from './checkpoint.js';
import { type Finding, Findings } from './findings.js';
import { GENESIS, nextHead } from './global-chain.js';
import { StreamChecks } from './stream-checks.js';
import { WitnessChecks } from './witness-checks.js';
import type { WitnessRow } from './witness-store.js';

export interface VerifyLogInput extends CheckpointSources {
  readonly store: EventStore;
  /** The notary's record, read afresh on each call (log order). Without it, only the chains and checkpoints speak. */
  readonly witness?: () => AsyncIterable<WitnessRow>;
  /** Also report the global chain's head after the last event at or before each of these positions. */
  readonly headsAt?: readonly number[];
  readonly maxFindings?: number;
}

export interface LogVerification {
  readonly ok: boolean;
  /** In log order, the first is where the log first differs from what was written. At most `maxFindings`. */
  readonly findings: readonly Finding[];
  readonly findingCount: number;
  readonly events: number;
  readonly streams: number;
  readonly lastPosition: number;
  /** The global chain's head over the whole log as it is. */
  readonly head: string;
  /** Events written before sealing began (no seal, at the start of their streams). */
  readonly unsealed: number;
  readonly witnessedUpTo: number;
  readonly checkpoints: { readonly checked: number; readonly held: number; readonly last?: SignedCheckpoint };
  readonly heads: ReadonlyMap<number, { readonly head: string; readonly events: number }>;
}

/**
 * Walks the whole log once, in its global order, and checks it three ways: each stream's chain of seals; the log
 * beside the notary's record, position by position; and the global chain recomputed from the log against every
 * signed checkpoint. Memory grows with the number of streams (and, only after something is out of place, events).
 */
export async function verifyLog(input: VerifyLogInput): Promise<LogVerification> {
  const findings = new Findings(input.maxFindings ?? 100);
  const streams = new StreamChecks(findings);
  const witness = input.witness ? new WitnessChecks(input.witness, findings) : undefined;
  const checkpoints = new CheckpointChecks(input, findings);
  const wanted = [...(input.headsAt ?? [])].sort((a, b) => a - b);
  const heads = new Map<number, { head: string; events: number }>();
  let head = GENESIS;
  let events = 0;
  let lastPosition = -1;
  await witness?.start();
  for await (const event of input.store.readAll() as AsyncIterable<RecordedEvent>) {
    while (wanted.length > 0 && wanted[0]! < event.position) heads.set(wanted.shift()!, { head, events });
    const seal = checkSeal(event);
    const entry = { position: event.position, stream: event.stream, revision: event.revision, id: event.id, recordedAt: event.recordedAt, eventHash: seal.hash };
    streams.check(event, seal);
    await witness?.check(event, entry);
    head = nextHead(head, entry);
    events++;
    lastPosition = event.position;
    checkpoints.reached(event.position, head, events);
  }
  for (const position of wanted) heads.set(position, { head, events });
  streams.finish();
  await witness?.finish();
  checkpoints.finish();
  return {
    ok: findings.count === 0, findings: findings.sorted(), findingCount: findings.count, events, streams: streams.streamCount, lastPosition, head,
    unsealed: streams.unsealed, witnessedUpTo: witness?.witnessedUpTo ?? -1, checkpoints: checkpoints.summary, heads,
  };
}
