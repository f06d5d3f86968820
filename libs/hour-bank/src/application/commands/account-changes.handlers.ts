import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CommandContext, Principal } from '#platform';
import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '#kernel';
import { contractFromCatalog, nextCatalogPeriod } from '../../domain/plans/plan-catalog.js';
import type { PlanCode } from '../../domain/plans/plan-terms.js';
import { AccountPipeline } from '../account-pipeline.js';
import type { CommandOutcome } from '../command-outcome.js';
import { PlanCatalogReader } from '../plan-catalog-reader.js';

abstract class AccountChange<Input> extends Command<CommandOutcome> {
  constructor(readonly accountId: string, readonly input: Input, readonly caller: Principal, readonly context: CommandContext) {
    super();
  }
}

export class PurchasePackageCommand extends AccountChange<{ minutes: number; priceCents?: number }> {}
export class AdjustBalanceCommand extends AccountChange<{ minutes: number; reason: string }> {}
/** `plan` absent with kind 'package': package-only from the next period. */
export class ChangePlanCommand extends AccountChange<{ kind?: 'plan' | 'package'; plan?: PlanCode; contractedMinutes?: number; contractedPriceCents?: number }> {}
export class CancelAccountCommand extends AccountChange<{ reason: string }> {}

@CommandHandler(PurchasePackageCommand)
export class PurchasePackageHandler implements ICommandHandler<PurchasePackageCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, caller, context }: PurchasePackageCommand): Promise<CommandOutcome> {
    const packageId = context.commandId;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'PurchasePackage', now, data: { packageId, ...input } }) });
  }
}

@CommandHandler(AdjustBalanceCommand)
export class AdjustBalanceHandler implements ICommandHandler<AdjustBalanceCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, caller, context }: AdjustBalanceCommand): Promise<CommandOutcome> {
    const adjustmentId = context.commandId;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'AdjustBalance', now, data: { adjustmentId, ...input } }) });
  }
}

@CommandHandler(ChangePlanCommand)
export class ChangePlanHandler implements ICommandHandler<ChangePlanCommand> {
  constructor(
    private readonly accounts: AccountPipeline,
    private readonly catalog: PlanCatalogReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ accountId, input, caller, context }: ChangePlanCommand): Promise<CommandOutcome> {
    const catalog = await this.catalog.forPeriod(nextCatalogPeriod(this.clock.now()));
    const plan = contractFromCatalog(catalog, input).plan ?? null;
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'ChangePlan', now, data: { plan } }) });
  }
}

@CommandHandler(CancelAccountCommand)
export class CancelAccountHandler implements ICommandHandler<CancelAccountCommand> {
  constructor(private readonly accounts: AccountPipeline) {}

  execute({ accountId, input, caller, context }: CancelAccountCommand): Promise<CommandOutcome> {
    return this.accounts.run({ accountId, context, caller, build: (now) => ({ type: 'CancelAccount', now, data: input }) });
  }
}
