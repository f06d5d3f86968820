import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '#platform';
import { planTermsFor } from '../../domain/plans/plan-catalog.js';
import type { PlanCode } from '../../domain/plans/plan-terms.js';
import { AccountPipeline } from '../account-pipeline.js';
import { CalendarBook } from '../calendar-book.js';
import type { CommandOutcome } from '../command-outcome.js';
import { PlanCatalogReader } from '../plan-catalog-reader.js';

export interface OpenAccountInput {
  readonly clientName: string;
  readonly plan: PlanCode;
  readonly contractedMinutes?: number;
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
    const { plan, contractedMinutes, ...opening } = input;
    const terms = planTermsFor(await this.catalog.current(), plan, contractedMinutes);
    await this.calendars.referenced(input.calendarId);
    return this.accounts.run({
      accountId,
      context,
      creates: true,
      build: (now) => ({ type: 'OpenAccount', now, data: { accountId, ...opening, plan: terms } }),
    });
  }
}
