import { Inject, Injectable, Optional } from '@nestjs/common';
import { foldFrom } from '#kernel';
import type { Temporal } from 'temporal-polyfill';
import { EVENT_STORE, type EventStore } from '#eventstore';
import { CommandPipeline, assertMayApprove, type CommandContext, type ExecuteCommandOptions, type Principal, loadStream, streamStateCache, timePhaseAsync } from '#platform';
import { DEFAULT_AUTO_CLOSE_BUSINESS_DAYS, type TicketCommand, type TicketTimeRules } from '../domain/ticket/commands.js';
import { dueTicketFacts, isTimeTriggeredTicketEvent } from '../domain/ticket/due-facts.js';
import { isFollowedByAccount, type TicketEvent } from '../domain/ticket/events.js';
import { ticketDecider, ticketStream } from '../domain/ticket/ticket-decider.js';
import type { OpenedTicket, TicketState } from '../domain/ticket/state.js';
import { ticketCodec } from './codecs.js';
import type { TicketCommandOutcome } from './command-outcome.js';
import { onBehalfOfClient, visibleTicket, visibleTicketAccount } from './ticket-access.js';
import { TICKET_ACCOUNTS, TICKET_RULE_SETTINGS, type TicketAccount, type TicketAccounts, type TicketRuleSettings } from './ticket-accounts.port.js';

/** A ticket command as a handler builds it; the pipeline adds the time rules of the ticket's account. */
export type TicketCommandInput = TicketCommand extends infer C ? (C extends TicketCommand ? Omit<C, 'rules'> : never) : never;

export interface TicketCommandRun {
  readonly ticketId: string;
  readonly context: CommandContext;
  /** Absent for the system; otherwise a client reaches only its own accounts' tickets. */
  readonly caller?: Principal;
  readonly build: (now: Temporal.Instant, ticket: OpenedTicket) => TicketCommandInput;
  /** Decide on exactly this revision of the ticket stream, or fail with a conflict (no retry). */
  readonly expectedRevision?: number;
}

type Options = ExecuteCommandOptions<TicketCommand, TicketEvent, TicketState>;

/** The ticket stream's use of the CommandPipeline, with the tenant check before the decider. */
@Injectable()
export class TicketPipeline {
  constructor(
    private readonly pipeline: CommandPipeline,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(TICKET_ACCOUNTS) private readonly accounts: TicketAccounts,
    @Optional() @Inject(TICKET_RULE_SETTINGS) private readonly settings?: TicketRuleSettings,
  ) {}

  async run(run: TicketCommandRun): Promise<TicketCommandOutcome> {
    const result = await this.pipeline.execute(await this.options(run));
    return { id: run.ticketId, revision: result.nextExpectedRevision, events: result.events.map(({ type, data }) => ({ type, data })) };
  }

  /**
   * An approver's act on the client's behalf (an estimate, more minutes, a project offer): the caller must approve for
   * the ticket's account; a manager's act is recorded on behalf of the account.
   */
  async runAsApprover(run: TicketCommandRun & { readonly caller: Principal }): Promise<TicketCommandOutcome> {
    const accountId = await this.accountIdOf(run.ticketId, run.caller);
    assertMayApprove(run.caller, accountId);
    return this.run({ ...run, context: onBehalfOfClient(run.context, run.caller, accountId) });
  }

  /** What the command would write now, and on which revision, without writing (an earlier identical command: its outcome). */
  async decideOnly(run: TicketCommandRun): Promise<{ revision: number; events: readonly TicketEvent[]; done?: TicketCommandOutcome }> {
    const decided = await this.pipeline.decideOnly(await this.options(run));
    const done = decided.earlier && { id: run.ticketId, revision: decided.earlier.nextExpectedRevision, events: decided.earlier.events.map(({ type, data }) => ({ type, data })) };
    return { revision: decided.revision, events: decided.events, ...(done && { done }) };
  }

  /** Whether any of the ticket's events after `revision`, up to `until` included, is one its account follows. */
  async accountFollowsAnyBetween(ticketId: string, revision: number, until: number): Promise<boolean> {
    if (until <= revision) return false;
    for await (const recorded of this.store.readStream(ticketStream(ticketId), { fromRevision: revision + 1, maxCount: until - revision })) {
      if (isFollowedByAccount(recorded.type)) return true;
    }
    return false;
  }

  /**
   * Opens a ticket as of `at` (default now) on its account's calendar in force then, which the ticket keeps: its SLA
   * and automatic close use it whatever the account amends later.
   */
  async open(
    ticketId: string, account: TicketAccount, context: CommandContext, build: (now: Temporal.Instant, calendarId: string) => TicketCommandInput,
    at?: Temporal.Instant,
  ): Promise<TicketCommandOutcome> {
    const now = this.pipeline.now();
    const calendarId = account.calendarIdAt(at ?? now);
    const rules = this.rulesWith(await this.accounts.calendar(calendarId));
    const result = await this.pipeline.execute({ ...this.base(ticketId, context), now, command: () => ({ ...build(now, calendarId), rules }) as TicketCommand });
    return { id: ticketId, revision: result.nextExpectedRevision, events: result.events.map(({ type, data }) => ({ type, data })) };
  }

  /** The ticket's own calendar (else its account's opening one), the auto-close delay and the overrun margin configured. */
  async rules(ticket: { readonly accountId: string; readonly calendarId?: string }): Promise<TicketTimeRules> {
    const calendar = ticket.calendarId !== undefined ? await this.accounts.calendar(ticket.calendarId) : (await this.accounts.get(ticket.accountId)).calendar;
    return this.rulesWith(calendar);
  }

  private rulesWith(calendar: TicketTimeRules['calendar']): TicketTimeRules {
    const margin = this.settings?.overrunMarginPercent;
    return { calendar, autoCloseBusinessDays: this.settings?.autoCloseBusinessDays ?? DEFAULT_AUTO_CLOSE_BUSINESS_DAYS, ...(margin !== undefined && { overrunMarginPercent: margin }) };
  }

  /**
   * The ticket's account, from its opening event alone (the pipeline folds the stream itself): handlers
   * look the account up before deciding. Missing and foreign tickets are the same TICKET_NOT_FOUND.
   */
  async accountIdOf(ticketId: string, caller?: Principal): Promise<string> {
    return (await this.openingOf(ticketId, caller)).accountId;
  }

  /** The ticket's account and calendar, from its opening event. */
  async openingOf(ticketId: string, caller?: Principal): Promise<{ accountId: string; calendarId?: string }> {
    // Neither changes once the ticket is opened: a folded state of its stream answers without a read.
    const cached = streamStateCache(this.store).get<TicketState>(ticketStream(ticketId), ticketDecider)?.state;
    if (cached && cached.status !== 'notOpened') {
      const accountId = visibleTicketAccount(cached.accountId, ticketId, caller);
      return { accountId, ...(cached.calendarId !== undefined && { calendarId: cached.calendarId }) };
    }
    for await (const recorded of this.store.readStream(ticketStream(ticketId), { maxCount: 1 })) {
      const opening = ticketCodec.decode<TicketEvent>(recorded);
      if (opening.type !== 'TicketOpened') break;
      const accountId = visibleTicketAccount(opening.data.accountId, ticketId, caller);
      return { accountId, ...(opening.data.calendarId !== undefined && { calendarId: opening.data.calendarId }) };
    }
    return { accountId: visibleTicketAccount(undefined, ticketId, caller) };
  }

  /** The ticket as recorded; as it stands at `now` when given: with the facts due by then, written or not. */
  async load(ticketId: string, caller?: Principal, now?: Temporal.Instant): Promise<{ ticket: OpenedTicket; revision: number; rules: TicketTimeRules }> {
    const { state, revision } = await loadStream(this.store, ticketStream(ticketId), ticketDecider, ticketCodec, '');
    const ticket = visibleTicket(state, ticketId, caller);
    const rules = await this.rules(ticket);
    const current = now ? foldFrom(ticketDecider.evolve, state, dueTicketFacts(ticket, now, rules)) : state;
    return { ticket: visibleTicket(current, ticketId, caller), revision, rules };
  }

  private async options({ ticketId, context, caller, build, expectedRevision }: TicketCommandRun): Promise<Options> {
    const rules = await timePhaseAsync('lookup', async () => this.rules(await this.openingOf(ticketId, caller)));
    const command = (now: Temporal.Instant, state: TicketState) => ({ ...build(now, visibleTicket(state, ticketId, caller)), rules }) as TicketCommand;
    return { ...this.base(ticketId, context), command, ...(expectedRevision !== undefined && { expectedRevision }) };
  }

  private base(ticketId: string, context: CommandContext) {
    return { stream: ticketStream(ticketId), decider: ticketDecider, codec: ticketCodec, context, systemEvent: isTimeTriggeredTicketEvent };
  }
}
