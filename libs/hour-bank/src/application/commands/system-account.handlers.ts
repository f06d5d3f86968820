import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext } from '#platform';
import { AccountPipeline } from '../account-pipeline.js';
import type { CommandOutcome } from '../command-outcome.js';

/** Commands the system issues (reactors, scheduler); the context names the event that caused them. */
abstract class SystemAccountCommand<Input> extends Command<CommandOutcome> {
  constructor(readonly accountId: string, readonly input: Input, readonly context: CommandContext) {
    super();
  }
}

export class CreditMonthlyPlanCommand extends SystemAccountCommand<{ period: string }> {}
export class ExpireLotsCommand extends SystemAccountCommand<Record<string, never>> {}
export class InvoiceOverageCommand extends SystemAccountCommand<{ period: string }> {}

@CommandHandler(CreditMonthlyPlanCommand)
export class CreditMonthlyPlanHandler implements ICommandHandler<CreditMonthlyPlanCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: CreditMonthlyPlanCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'CreditMonthlyPlan', now, data: input }) });
  }
}

@CommandHandler(ExpireLotsCommand)
export class ExpireLotsHandler implements ICommandHandler<ExpireLotsCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, context }: ExpireLotsCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'ExpireLots', now, data: {} }) });
  }
}

@CommandHandler(InvoiceOverageCommand)
export class InvoiceOverageHandler implements ICommandHandler<InvoiceOverageCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, context }: InvoiceOverageCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, build: (now) => ({ type: 'InvoiceOverage', now, data: input }) });
  }
}
