import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '#platform';
import { contractFromCatalog } from '../../domain/plans/plan-catalog.js';
import type { PlanCode } from '../../domain/plans/plan-terms.js';
import type { ContractKind } from '../../domain/account/account-events.js';
import { AccountPipeline } from '../account-pipeline.js';
import { CalendarBook } from '../calendar-book.js';
import type { CommandOutcome } from '../command-outcome.js';
import { PlanCatalogReader } from '../plan-catalog-reader.js';

export interface OpenAccountInput {
  readonly clientName: string;
  /** Absent: 'plan'. */
  readonly kind?: ContractKind;
  /** The plan of a plan contract. */
  readonly plan?: PlanCode;
  readonly contractedMinutes?: number;
  /** CUSTOM only: the contracted monthly price in cents. */
  readonly contractedPriceCents?: number;
  /** Package-only contracts: the first-response target of their tickets (default: the catalog's START target). */
  readonly firstResponseBusinessMinutes?: number;
  readonly firstPeriod: string;
  readonly timeZone: string;
  readonly calendarId: string;
  readonly overageRateCentsPerHour: number;
}

export class OpenAccountCommand extends Command<CommandOutcome> {
  constructor(readonly accountId: string, readonly input: OpenAccountInput, readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(OpenAccountCommand)
export class OpenAccountHandler implements ICommandHandler<OpenAccountCommand> {
  constructor(
    private readonly accounts: AccountPipeline,
    private readonly catalog: PlanCatalogReader,
    private readonly calendars: CalendarBook,
  ) {}

  async execute({ accountId, input, context }: OpenAccountCommand): Promise<CommandOutcome> {
    const { plan, contractedMinutes, contractedPriceCents, firstResponseBusinessMinutes, kind, ...opening } = input;
    const contract = contractFromCatalog(await this.catalog.forPeriod(input.firstPeriod), { kind, plan, contractedMinutes, contractedPriceCents, firstResponseBusinessMinutes });
    await this.calendars.referenced(input.calendarId);
    return this.accounts.run({
      accountId,
      context,
      creates: true,
      build: (now) => ({ type: 'OpenAccount', now, data: { accountId, ...opening, ...contract } }),
    });
  }
}
