import type { BusinessCalendar } from '#calendar';
import type { RecordedEvent } from '#kernel';
import type { DueItem, DueItemChange } from '#projections';
import { parseInstant } from '../domain/sla/iso-instant.js';
import type { TicketState } from '../domain/ticket/state.js';
import { autoCloseItems, slaDeadlineItems } from './ticket-deadlines.js';

type Opened = Exclude<TicketState, { status: 'notOpened' }>;

/** A ticket event after which its SLA or auto-close deadlines may differ; the calendar is the one in force then. */
export interface TicketStep {
  readonly recorded: RecordedEvent;
  readonly state: Opened;
  readonly calendar: BusinessCalendar;
  readonly slaChanged: boolean;
  readonly autoCloseChanged: boolean;
}

/** A key the ticket has; `item` when a step computed it (kept keys from before the batch are only known by key). */
interface Keyed {
  readonly key: string;
  readonly item?: DueItem;
}

const SLA = '4:sla:';
const AUTO_CLOSE = '3:auto-close:';
const causeOf = (recorded: RecordedEvent) => ({ id: recorded.id, correlationId: recorded.metadata.correlationId });

/**
 * The due items of one ticket after each step of a batch, each part computed only when asked and at most once.
 * Step 0 is the state before the batch, known by its stored keys.
 */
export class TicketSteps {
  private readonly memo = new Map<string, readonly Keyed[]>();

  constructor(
    readonly initial: readonly string[],
    readonly steps: readonly TicketStep[],
    private readonly autoCloseBusinessDays: number,
  ) {}

  keysAt(i: number): readonly Keyed[] {
    return [...this.part(i, SLA), ...this.part(i, AUTO_CLOSE)];
  }

  /** Per event, as each event would change the items on its own: cancel the keys it drops, insert the new ones. */
  changesPerStep(): DueItemChange[] {
    const changes: DueItemChange[] = [];
    for (let i = 1; i <= this.steps.length; i++) changes.push(...stepChanges(this.keysAt(i - 1), this.keysAt(i)));
    return changes;
  }

  /**
   * The same net effect as `changesPerStep` when no row of the ticket is fired and its rows are exactly the
   * stored keys: a key that came and went inside the batch leaves nothing, a key dropped is cancelled, a key
   * held at the end is inserted with the cause of the step where it last arrived (none if it never left).
   */
  changesOfBatch(): DueItemChange[] {
    const last = this.keysAt(this.steps.length);
    const held = new Set(last.map(({ key }) => key));
    const changes: DueItemChange[] = this.initial.filter((key) => !held.has(key)).map((cancel) => ({ cancel }));
    for (const { key } of last) {
      let j = this.steps.length;
      while (j > 0 && this.keysAt(j - 1).some((k) => k.key === key)) j--;
      if (j === 0) continue;
      changes.push({ upsert: this.keysAt(j).find((k) => k.key === key)!.item! });
    }
    return changes;
  }

  private part(i: number, prefix: string): readonly Keyed[] {
    let j = i;
    while (j > 0 && !this.changes(this.steps[j - 1]!, prefix)) j--;
    if (j === 0) return this.initial.filter((key) => key.startsWith(prefix)).map((key) => ({ key }));
    const memoKey = `${prefix}${j}`;
    let keyed = this.memo.get(memoKey);
    if (!keyed) this.memo.set(memoKey, (keyed = this.compute(this.steps[j - 1]!, prefix)));
    return keyed;
  }

  private changes(step: TicketStep, prefix: string): boolean {
    return prefix === SLA ? step.slaChanged : step.autoCloseChanged;
  }

  private compute({ state, calendar, recorded }: TicketStep, prefix: string): Keyed[] {
    const items = prefix === SLA
      ? slaDeadlineItems(state, calendar, parseInstant(recorded.metadata.occurredAt), causeOf(recorded))
      : autoCloseItems(state, calendar, this.autoCloseBusinessDays, causeOf(recorded));
    return items.map((item) => ({ key: item.key, item }));
  }
}

/** New keys are inserted, keys the ticket no longer has are cancelled; a kept key keeps its first cause. */
const stepChanges = (previous: readonly Keyed[], next: readonly Keyed[]): DueItemChange[] => {
  const before = new Set(previous.map(({ key }) => key));
  const after = new Set(next.map(({ key }) => key));
  return [
    ...previous.filter(({ key }) => !after.has(key)).map(({ key }) => ({ cancel: key })),
    ...next.filter(({ key }) => !before.has(key)).map(({ item }) => ({ upsert: item! })),
  ];
};
