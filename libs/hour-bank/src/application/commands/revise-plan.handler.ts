import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandPipeline, type CommandContext } from '#platform';
import { planCatalogDecider, planCatalogStream, type PlanCatalogCommand } from '../../domain/plans/plan-catalog.js';
import { planCatalogCodec } from '../codecs.js';
import { type CommandOutcome, outcomeOf } from '../command-outcome.js';

/** A manager's revision of one plan of the catalog, from a period on. */
export class RevisePlanCommand extends Command<CommandOutcome> {
  constructor(readonly input: PlanCatalogCommand['data'], readonly context: CommandContext) {
    super();
  }
}

@CommandHandler(RevisePlanCommand)
export class RevisePlanHandler implements ICommandHandler<RevisePlanCommand> {
  constructor(private readonly pipeline: CommandPipeline) {}

  async execute({ input, context }: RevisePlanCommand): Promise<CommandOutcome> {
    const result = await this.pipeline.execute({
      stream: planCatalogStream, decider: planCatalogDecider, codec: planCatalogCodec, context,
      command: (now) => ({ type: 'RevisePlan' as const, now, data: input }),
    });
    return outcomeOf(planCatalogStream, result);
  }
}
