import { type SignedCheckpoint, signatureHolds } from './checkpoint.js';
import type { Findings } from './findings.js';

export interface CheckpointSources {
  /** The system's own checkpoints (the notary's table). */
  readonly system: readonly SignedCheckpoint[];
  /** Checkpoints an auditor kept outside the system: each must still be in the system, and hold. */
  readonly external?: readonly SignedCheckpoint[];
  /** Key ids whose signatures are trusted: the configured key's, or the key the auditor holds. */
  readonly trustedKeyIds: ReadonlySet<string>;
}

/**
 * Checks each checkpoint against the global chain recomputed from the log, at its position: the signature must be
 * a trusted key's, and the log up to there must give the signed head and event count.
 */
export class CheckpointChecks {
  private readonly queue: SignedCheckpoint[];
  private checked = 0;
  private held = 0;
  private lastHeld: SignedCheckpoint | undefined;

  constructor(sources: CheckpointSources, private readonly findings: Findings) {
    const byPosition = new Map<number, SignedCheckpoint>();
    for (const checkpoint of sources.system) this.admit(checkpoint, sources.trustedKeyIds, 'the system') && byPosition.set(checkpoint.position, checkpoint);
    for (const checkpoint of sources.external ?? []) {
      const kept = byPosition.get(checkpoint.position);
      if (!kept) this.findings.add({ kind: 'checkpoint', position: checkpoint.position, detail: `the checkpoint signed at ${checkpoint.signedAt} is no longer in the system` });
      else if (kept.chain !== checkpoint.chain || kept.signature !== checkpoint.signature) {
        this.findings.add({ kind: 'checkpoint', position: checkpoint.position, detail: `the system's checkpoint here differs from the one kept outside it (signed at ${checkpoint.signedAt})` });
      }
      if (this.admit(checkpoint, sources.trustedKeyIds, 'the file')) byPosition.set(checkpoint.position, checkpoint);
    }
    this.queue = [...byPosition.values()].sort((a, b) => a.position - b.position);
  }

  get summary() {
    return { checked: this.checked, held: this.held, ...(this.lastHeld && { last: this.lastHeld }) };
  }

  /** After the log's event at `position`, with the recomputed head and count. */
  reached(position: number, head: string, events: number): void {
    while (this.queue.length > 0 && this.queue[0]!.position <= position) {
      const checkpoint = this.queue.shift()!;
      if (checkpoint.position < position) this.skipped(checkpoint);
      else this.compare(checkpoint, head, events);
    }
  }

  /** Checkpoints beyond the log's last event: the log lost its end. */
  finish(): void {
    for (const checkpoint of this.queue.splice(0)) this.skipped(checkpoint);
  }

  private compare(checkpoint: SignedCheckpoint, head: string, events: number): void {
    this.checked++;
    if (checkpoint.chain === head && checkpoint.events === events) {
      this.held++;
      this.lastHeld = checkpoint;
      return;
    }
    this.findings.add({
      kind: 'checkpoint', position: checkpoint.position,
      detail: `the log up to here is not what was signed at ${checkpoint.signedAt} (${checkpoint.events} events, head ${checkpoint.chain.slice(0, 16)}…; the log gives ${events} events, head ${head.slice(0, 16)}…)`,
    });
  }

  private skipped(checkpoint: SignedCheckpoint): void {
    this.checked++;
    this.findings.add({ kind: 'deleted', position: checkpoint.position, detail: `the event at this position, signed in the checkpoint of ${checkpoint.signedAt}, is not in the log` });
  }

  private admit(checkpoint: SignedCheckpoint, trusted: ReadonlySet<string>, from: string): boolean {
    if (!signatureHolds(checkpoint)) {
      this.findings.add({ kind: 'checkpoint', position: checkpoint.position, detail: `the signature of the checkpoint from ${from} does not hold` });
      return false;
    }
    if (!trusted.has(checkpoint.keyId)) {
      this.findings.add({ kind: 'checkpoint', position: checkpoint.position, detail: `the checkpoint from ${from} is signed by key ${checkpoint.keyId}, which is not trusted` });
      return false;
    }
    return true;
  }
}
