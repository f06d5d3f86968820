import { Temporal } from 'temporal-polyfill';
import { addPeriods, defaultCalendar, periodStart } from '#calendar';
import type { SqliteEventStore } from '#eventstore';
import { type DomainEvent, Draft, fold } from '#kernel';
import {
  type AccountCommand, type AccountCommandInput, type AccountState, accountCodec, accountDecider, accountStream, availableMinutes,
  initialPlanCatalog,
} from '#hour-bank';
import {
  type TicketCommand, type TicketCommandInput, type TicketEvent, type TicketState, ticketCodec, ticketDecider, ticketStream,
} from '#ticketing';

/** mulberry32: the history is the same on every run. */
export const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export interface HistoryShape {
  readonly accounts: number;
  readonly months: number;
  readonly ticketsPerMonth: number;
  readonly firstPeriod?: string;
}

const calendar = defaultCalendar('br-national');
const rules = { calendar, autoCloseBusinessDays: 5 };
const basic = initialPlanCatalog.plans.BASIC;
const plan = { code: basic.code, monthlyMinutes: basic.monthlyMinutes, firstResponseBusinessMinutes: basic.firstResponseBusinessMinutes, catalogVersion: 1 };

/**
 * Writes a realistic history straight through the deciders and the codecs (no HTTP, no handlers): per account
 * and month a credit (and, after a year, the expiries), then tickets opened, estimated (with the reservation),
 * sometimes clarified or approved, worked in 3–4 time entries, delivered, accepted and debited. The store must
 * commit inline (`writer: 'inline'`): a month of every account goes into one transaction, without a sync.
 */
export class HistoryWriter {
  private sequence = 0;
  /** Each account's state, changed in place through its own draft: the writer owns it, so a month costs its own events. */
  private readonly accounts = new Map<string, { state: AccountState; revision: number; draft: Draft }>();
  private readonly random = seeded(7);

  constructor(private readonly store: SqliteEventStore) {}

  async write(shape: HistoryShape, onMonth: (month: number) => void = () => {}): Promise<number> {
    const first = shape.firstPeriod ?? '2024-01';
    this.store.db.pragma('synchronous = OFF');
    for (let a = 0; a < shape.accounts; a++) await this.account(`acc${a}`, { type: 'OpenAccount', now: periodStart(first, 'America/Sao_Paulo').subtract({ hours: 24 }), data: { accountId: `acc${a}`, clientName: `Cliente ${a}`, plan, firstPeriod: first, timeZone: 'America/Sao_Paulo', calendarId: 'br-national', overageRateCentsPerHour: 15000 } });
    for (let m = 0; m < shape.months; m++) {
      const period = addPeriods(first, m);
      this.store.db.exec('BEGIN');
      for (let a = 0; a < shape.accounts; a++) await this.month(`acc${a}`, period, shape.ticketsPerMonth);
      this.store.db.exec('COMMIT');
      onMonth(m);
    }
    this.store.db.pragma('synchronous = FULL');
    return this.store.headPosition();
  }

  /** One account opened before `first`, with `ticketsInMonth(m)` tickets worked and debited in the m-th of `months` periods. */
  async writeAccount(accountId: string, first: string, months: number, ticketsInMonth: (month: number) => number): Promise<void> {
    this.store.db.pragma('synchronous = OFF');
    this.store.db.exec('BEGIN');
    await this.account(accountId, { type: 'OpenAccount', now: periodStart(first, 'America/Sao_Paulo').subtract({ hours: 24 }), data: { accountId, clientName: `Cliente ${accountId}`, plan, firstPeriod: first, timeZone: 'America/Sao_Paulo', calendarId: 'br-national', overageRateCentsPerHour: 15000 } });
    for (let m = 0; m < months; m++) await this.month(accountId, addPeriods(first, m), ticketsInMonth(m));
    this.store.db.exec('COMMIT');
    this.store.db.pragma('synchronous = FULL');
  }

  private async month(accountId: string, period: string, tickets: number): Promise<void> {
    const opens = periodStart(period, 'America/Sao_Paulo');
    await this.account(accountId, { type: 'ExpireLots', now: opens, data: {} });
    await this.account(accountId, { type: 'CreditMonthlyPlan', now: opens, data: { period } });
    for (let k = 0; k < tickets; k++) await this.ticket(accountId, `${accountId}-${period}-${k}`, opens.add({ minutes: Math.round(60 * (36 + k * Math.min(150, 600 / tickets))) }));
  }

  /**
   * A ticket in progress on `accountId` with `entries` time entries (written as the decider writes them, without
   * deciding each), estimated at the most an estimate may be, so the time the bench then logs stays within it.
   */
  async writeLongTicket(accountId: string, ticketId: string, entries: number, t0: Temporal.Instant): Promise<void> {
    const agent = { role: 'agent' as const, actorId: 'agent-1' };
    let state = ticketDecider.initialState();
    let revision = -1;
    const run = async (input: TicketCommandInput) => {
      const events = ticketDecider.decide({ ...input, rules } as TicketCommand, state);
      state = fold({ initialState: () => state, evolve: ticketDecider.evolve }, events);
      revision = await this.append(ticketStream(ticketId), events, ticketCodec, input.now, revision);
    };
    await run({ type: 'OpenTicket', now: t0, by: agent, data: { ticketId, accountId, title: 'Longo', description: 'Muitas horas', category: 'support', firstResponseBusinessMinutes: 180, accountStatus: 'open' } });
    await run({ type: 'EstimateTicket', now: t0.add({ hours: 1 }), by: agent, data: { estimatedMinutes: 100_000, expectedDeliveryAt: t0.add({ hours: 24 * 30 }), availableMinutes: 1_000_000 } });
    const loggedAt = t0.add({ hours: 2 }).toString();
    for (let from = 0; from < entries; from += 1000) {
      const batch = Array.from({ length: Math.min(1000, entries - from) }, (_, i): DomainEvent => ({
        type: 'TimeLogged',
        data: { ticketId, entryId: `entry-${from + i}`, minutes: 5, activity: 'development', performedOn: '2024-01-02', note: 'Entrada', loggedAt },
      }));
      revision = await this.append(ticketStream(ticketId), batch, ticketCodec, t0.add({ hours: 2 }), revision);
    }
  }

  private async ticket(accountId: string, ticketId: string, t0: Temporal.Instant): Promise<void> {
    const agent = { role: 'agent' as const, actorId: 'agent-1' };
    const client = { role: 'client' as const, actorId: 'client-1' };
    let state = ticketDecider.initialState();
    let revision = -1;
    const run = async (input: TicketCommandInput) => {
      const command = { ...input, rules } as TicketCommand;
      const events = ticketDecider.decide(command, state);
      state = fold({ initialState: () => state, evolve: ticketDecider.evolve }, events);
      revision = await this.append(ticketStream(ticketId), events, ticketCodec, command.now, revision);
      return events;
    };
    const at = (hours: number) => t0.add({ minutes: Math.round(hours * 60) });
    await run({ type: 'OpenTicket', now: t0, by: client, data: { ticketId, accountId, title: 'Relatório', description: 'Ajustar', category: 'support', firstResponseBusinessMinutes: 180, accountStatus: 'open' } });
    if (this.random() < 0.15) {
      await run({ type: 'RequestClarification', now: at(1), by: agent, data: { question: 'Qual?' } });
      await run({ type: 'ProvideClarification', now: at(1.5), by: client, data: { answer: 'Este' } });
    }
    const minutes = 30 + Math.floor(this.random() * 120);
    const available = availableMinutes(this.accounts.get(accountId)!.state, at(2), ticketId);
    const [estimated] = await run({ type: 'EstimateTicket', now: at(2), by: agent, data: { estimatedMinutes: minutes, expectedDeliveryAt: at(72), availableMinutes: available } });
    await this.account(accountId, { type: 'ReserveForTicket', now: at(2), data: { ticketId, minutes, ticketRevision: revision } });
    if ((estimated as TicketEvent & { type: 'TicketEstimated' }).data.approvalRequired) await run({ type: 'ApproveEstimate', now: at(3), by: client, data: {} });
    const entries = this.random() < 0.5 ? 3 : 4;
    for (let e = 0; e < entries; e++) {
      await run({ type: 'LogTime', now: at(4 + e), by: agent, data: { entryId: `e${e}`, minutes: Math.max(1, Math.round(minutes / entries)), activity: 'development', performedOn: '2024-01-01', note: '' } });
    }
    await run({ type: 'DeliverTicket', now: at(48), by: agent, data: { summary: 'Pronto' } });
    await run({ type: 'AcceptDelivery', now: at(50), by: client, data: {} });
    await this.account(accountId, { type: 'DebitTicket', now: at(50), data: { ticketId, minutes: (state as TicketState & { loggedMinutes: number }).loggedMinutes } });
  }

  private async account(accountId: string, input: AccountCommandInput): Promise<void> {
    const command = { ...input, calendar } as AccountCommand;
    const current = this.accounts.get(accountId) ?? { state: accountDecider.initialState(), revision: -1, draft: new Draft() };
    const events = accountDecider.decide(command, current.state);
    let state = current.state;
    for (const event of events) state = accountDecider.evolve(state, event, current.draft);
    const revision = await this.append(accountStream(accountId), events, accountCodec, command.now, current.revision);
    this.accounts.set(accountId, { state, revision, draft: current.draft });
  }

  private async append(stream: string, events: readonly DomainEvent[], codec: typeof accountCodec, now: Temporal.Instant, revision: number): Promise<number> {
    if (events.length === 0) return revision;
    const metadata = { actor: 'bench', correlationId: `c${this.sequence}`, occurredAt: now.toString() };
    const encoded = events.map((event) => codec.encode(event, { id: `bench-${++this.sequence}`, metadata }));
    return (await this.store.append(stream, encoded, revision < 0 ? 'no_stream' : revision)).nextExpectedRevision;
  }
}
