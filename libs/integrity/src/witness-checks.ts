import type { RecordedEvent } from '#kernel';
import type { Findings } from './findings.js';
import { type ChainEntry, GENESIS, nextHead } from './global-chain.js';
import type { WitnessRow } from './witness-store.js';

/**
 * The log beside the notary's record of it, position by position: an event the notary saw and the log no longer
 * has was deleted; one in the log it never saw, below what it saw, was inserted; another event where it saw one,
 * reordered (when the notary saw that event elsewhere) or inserted; the same event with another hash, modified.
 * The record itself is checked too: each row's head must follow from the one before.
 */
export class WitnessChecks {
  private next: WitnessRow | undefined;
  private head = GENESIS;
  private positions: Map<string, number> | undefined;
  private lastSeen = -1;

  constructor(
    private readonly rows: () => Iterator<WitnessRow>,
    private readonly findings: Findings,
    private readonly iterator = rows(),
  ) {
    this.advance();
  }

  /** The last position the notary witnessed (-1: none). */
  get witnessedUpTo(): number {
    return this.lastSeen;
  }

  check(event: RecordedEvent, entry: ChainEntry): void {
    while (this.next && this.next.position < event.position) this.missing(this.next);
    const row = this.next;
    if (!row || row.position > event.position) {
      if (row) this.findings.add({ kind: 'inserted', ...this.at(event), detail: `the notary never saw it: it came into the log below position ${row.position}, which the notary had witnessed` });
      return;
    }
    this.advance();
    if (row.id !== event.id) return this.replaced(event, row);
    if (row.eventHash !== entry.eventHash) return this.findings.add({ kind: 'modified', ...this.at(event), detail: 'its content differs from what the notary witnessed' });
    if (row.recordedAt !== entry.recordedAt) {
      this.findings.add({ kind: 'modified', ...this.at(event), detail: `its recording time ${entry.recordedAt} differs from the witnessed ${row.recordedAt}` });
    }
  }

  /** The rows after the log's last event: events deleted from its end. */
  finish(): void {
    while (this.next) this.missing(this.next);
  }

  private replaced(event: RecordedEvent, row: WitnessRow): void {
    const elsewhere = this.witnessedAt(event.id);
    if (elsewhere !== undefined) {
      this.findings.add({ kind: 'reordered', ...this.at(event), detail: `the notary witnessed it at position ${elsewhere}; it saw ${row.id} (${row.stream} revision ${row.revision}) here` });
    } else {
      this.findings.add({ kind: 'inserted', ...this.at(event), detail: `the notary never saw it; it saw ${row.id} (${row.stream} revision ${row.revision}) here` });
    }
  }

  private missing(row: WitnessRow): void {
    this.advance();
    this.findings.add({ kind: 'deleted', position: row.position, eventId: row.id, stream: row.stream, revision: row.revision, detail: 'the notary witnessed it here; the log no longer has it' });
  }

  private advance(): void {
    const result = this.iterator.next();
    this.next = result.done ? undefined : result.value;
    if (!this.next) return;
    this.head = nextHead(this.head, this.next);
    this.lastSeen = this.next.position;
    if (this.head !== this.next.chain) {
      this.findings.add({ kind: 'checkpoint', position: this.next.position, detail: "the notary's own record was altered here: its chain does not follow from the rows before" });
      this.head = this.next.chain;
    }
  }

  /** Where the notary saw an event: looked up only once something is out of place, so the map is built rarely. */
  private witnessedAt(id: string): number | undefined {
    if (!this.positions) {
      this.positions = new Map();
      for (let it = this.rows(), r = it.next(); !r.done; r = it.next()) this.positions.set(r.value.id, r.value.position);
    }
    return this.positions.get(id);
  }

  private at(event: RecordedEvent) {
    return { position: event.position, eventId: event.id, stream: event.stream, revision: event.revision };
  }
}
