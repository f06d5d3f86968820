/** What a verifier can find wrong with the log, in the words. `checkpoint`: a signed checkpoint does not hold. */
export type FindingKind = 'modified' | 'deleted' | 'inserted' | 'reordered' | 'checkpoint';

export interface Finding {
  readonly kind: FindingKind;
  /** Where in the log (the position the event has, or had when it was witnessed). */
  readonly position: number;
  readonly eventId?: string;
  readonly stream?: string;
  readonly revision?: number;
  readonly detail: string;
}

const where = (finding: Finding): string =>
  [finding.eventId && `event ${finding.eventId}`, `position ${finding.position}`, finding.stream && `stream ${finding.stream}`,
    finding.revision !== undefined && `revision ${finding.revision}`].filter(Boolean).join(', ');

export const describeFinding = (finding: Finding): string => `${finding.kind}: ${where(finding)}: ${finding.detail}`;

/** Findings in log order; the first is the first place where the log differs from what was written and witnessed. */
export class Findings {
  private readonly list: Finding[] = [];
  private total = 0;

  constructor(private readonly keep = 100) {}

  add(finding: Finding): void {
    this.total++;
    if (this.list.length < this.keep) this.list.push(finding);
  }

  get count(): number {
    return this.total;
  }

  sorted(): Finding[] {
    return [...this.list].sort((a, b) => a.position - b.position);
  }
}
