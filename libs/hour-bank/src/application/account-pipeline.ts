import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Temporal } from 'temporal-polyfill';
import type { BusinessCalendar } from '#calendar';
import { type DomainError, isDomainError } from '#kernel';
import { CommandPipeline, type CommandContext, type Principal, type SnapshotSource, timePhaseAsync } from '#platform';
import type { AccountCommand } from '../domain/account/account-commands.js';
import { accountDecider, accountStream } from '../domain/account/account-decider.js';
import type { AccountState } from '../domain/account/account-state.js';
import { isTimeTriggeredAccountEvent } from '../domain/account/as-of.js';
import { assertAccountVisible } from './account-access.js';
import { AccountCalendars } from './account-calendars.js';
import { accountCodec } from './codecs.js';
import { type CommandOutcome, outcomeOf } from './command-outcome.js';
import { CloseDueTicketCommand } from './commands/close-due-ticket.command.js';
import { DUE_TICKET_CLOSES, type DueTicketCloses } from './due-ticket-closes.port.js';
import { ACCOUNT_SNAPSHOTS } from '../reactors/account-snapshots.js';

/**
 * The account stream is where every estimate, reservation and debit of an account meets (the gate serialises
 * them on purpose): it takes more conflict retries than one ticket's stream before answering 409.
 */
export const ACCOUNT_CONFLICT_RETRIES = 25;

/** An account names few calendars (its own and its amendments'): a command learns each it lacks, then decides again. */
const MAX_CALENDARS_LEARNED = 8;

const missingCalendar = (error: unknown): string | undefined =>
  isDomainError(error) && error.code === 'CALENDAR_IS_NOT_THE_ACCOUNTS' ? ((error as DomainError).details.expected as string | undefined) : undefined;

/** An account command as a handler builds it; the pipeline adds the account's business calendar. */
export type AccountCommandInput = AccountCommand extends infer C ? (C extends AccountCommand ? Omit<C, 'calendar'> : never) : never;

export interface AccountCommandRun {
  readonly accountId: string;
  readonly context: CommandContext;
  /** Absent for the system (reactors, scheduler); a client only reaches its own accounts. */
  readonly caller?: Principal;
  readonly build: (now: Temporal.Instant, state: AccountState) => AccountCommandInput;
  /** Only OpenAccount acts on an account that does not exist yet. */
  readonly creates?: boolean;
  /** When the decision takes effect, if not now (a debit: when its ticket ended), and which ticket it is about. */
  readonly about?: { readonly at: Temporal.Instant; readonly ticketId: string };
}

/**
 * The account stream's use of the CommandPipeline, with the tenant check before the decider. Before deciding, it
 * carries out the automatic closes of the account's tickets that were due before the decision takes effect (each
 * close and its debit), so the account never records anything dated after a due close ahead of that close's debit.
 */
@Injectable()
export class AccountPipeline {
  private readonly logger = new Logger('AccountPipeline');

  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly calendars: AccountCalendars,
    private readonly commands: CommandBus,
    @Inject(DUE_TICKET_CLOSES) private readonly dueCloses: DueTicketCloses,
    @Optional() @Inject(ACCOUNT_SNAPSHOTS) private readonly snapshots?: SnapshotSource<AccountState>,
  ) {}

  async run({ accountId, context, caller, build, creates, about }: AccountCommandRun): Promise<CommandOutcome> {
    const now = this.pipeline.now();
    const known = await timePhaseAsync('lookup', async () => {
      if (creates) return undefined;
      const found = await this.calendars.known(accountId);
      if (found) await this.closeDueTickets(accountId, found, about ?? { at: now });
      return found;
    });
    for (let attempt = 0; ; attempt++) {
      const calendar = attempt === 0 ? known : await timePhaseAsync('lookup', () => this.calendars.known(accountId));
      try {
        const result = await this.pipeline.execute({
          stream: accountStream(accountId),
          decider: accountDecider,
          codec: accountCodec,
          ...(this.snapshots && { snapshots: this.snapshots }),
          context,
          now,
          maxRetries: ACCOUNT_CONFLICT_RETRIES,
          systemEvent: isTimeTriggeredAccountEvent,
          command: (at, state) => ({ ...build(at, creates ? state : assertAccountVisible(state, accountId, caller)), calendar }) as AccountCommand,
        });
        return outcomeOf(accountId, result);
      } catch (error) {
        const missing = missingCalendar(error);
        if (missing === undefined || attempt >= MAX_CALENDARS_LEARNED) throw error;
        this.calendars.learn(accountId, missing);
      }
    }
  }

  /** Closes due strictly before a debit's end (other tickets' closes), or by now; a close that cannot run now is left to the scheduler. */
  private async closeDueTickets(accountId: string, calendars: readonly BusinessCalendar[], { at, ticketId }: { at: Temporal.Instant; ticketId?: string }): Promise<void> {
    const due = await this.dueCloses.dueBy(accountId, at, calendars);
    const before = due.filter((close) => close.ticketId !== ticketId && (!ticketId || Temporal.Instant.compare(Temporal.Instant.from(close.dueAt), at) < 0));
    for (const close of before) {
      try {
        await this.commands.execute(new CloseDueTicketCommand(close));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        this.logger.warn(`Due close of ticket ${close.ticketId} left to the scheduler: ${error.code}`);
      }
    }
  }
}
