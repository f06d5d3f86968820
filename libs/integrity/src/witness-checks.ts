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
  private readonly iterator: AsyncIterator<WitnessRow>;

  constructor(
    private readonly rows: () => AsyncIterable<WitnessRow>,
    private readonly findings: Findings,
  ) {
    this.iterator = rows()[Symbol.asyncIterator]();
  }

  /** Reads the first row: call once before `check`. */
  start(): Promise<void> {
    return this.advance();
  }

  /** The last position the notary witnessed (-1: none). */
  get witnessedUpTo(): number {
    return this.lastSeen;
  }

  async check(event: RecordedEvent, entry: ChainEntry): Promise<void> {
    while (this.next && this.next.position < event.position) await this.missing(this.next);
    const row = this.next;
    if (!row || row.position > event.position) {
      if (row) this.findings.add({ kind: 'inserted', ...this.at(event), detail: `the notary never saw it: it came into the log below position ${row.position}, which the notary had witnessed` });
      return;
    }
    await this.advance();
    if (row.id !== event.id) return this.replaced(event, row);
    if (row.eventHash !== entry.eventHash) return this.findings.add({ kind: 'modified', ...this.at(event), detail: 'its content differs from what the notary witnessed' });
    if (row.recordedAt !== entry.recordedAt) {
      this.findings.add({ kind: 'modified', ...this.at(event), detail: `its recording time ${entry.recordedAt} differs from the witnessed ${row.recordedAt}` });
    }
  }

  /** The rows after the log's last event: events deleted from its end. */
  async finish(): Promise<void> {
    while (this.next) await this.missing(this.next);
  }

  private async replaced(event: RecordedEvent, row: WitnessRow): Promise<void> {
    const elsewhere = await this.witnessedAt(event.id);
    if (elsewhere !== undefined) {
      this.findings.add({ kind: 'reordered', ...this.at(event), detail: `the notary witnessed it at position ${elsewhere}; it saw ${row.id} (${row.stream} revision ${row.revision}) here` });
    } else {
      this.findings.add({ kind: 'inserted', ...this.at(event), detail: `the notary never saw it; it saw ${row.id} (${row.stream} revision ${row.revision}) here` });
    }
  }

  private async missing(row: WitnessRow): Promise<void> {
    await this.advance();
    this.findings.add({ kind: 'deleted', position: row.position, eventId: row.id, stream: row.stream, revision: row.revision, detail: 'the notary witnessed it here; the log no longer has it' });
  }

  private async advance(): Promise<void> {
    const result = await this.iterator.next();
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
  private async witnessedAt(id: string): Promise<number | undefined> {
    if (!this.positions) {
      this.positions = new Map();
      for await (const row of this.rows()) this.positions.set(row.id, row.position);
    }
    return this.positions.get(id);
  }

  private at(event: RecordedEvent) {
    return { position: event.position, eventId: event.id, stream: event.stream, revision: event.revision };
  }
}
