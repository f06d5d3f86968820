import type { CommandBus } from '@nestjs/cqrs';
import { CreditMonthlyPlanCommand, ExpireLotsCommand, InvoiceOverageCommand } from '../application/commands/system-account.handlers.js';
import { type AccountDeadlinePayload, accountDeadlineKinds } from './account-deadlines.js';
import type { CommandContext } from '#platform';
import type { DueItem } from '#projections';
import { AutoCloseTicketCommand, RecordSlaBreachCommand, type TicketDeadlinePayload, ticketDeadlineKinds } from '#ticketing';

/** The system acts: correlated with, and caused by, the event that set the deadline; the id derives from the key. */
const systemContext = (commandId: string, cause: AccountDeadlinePayload['cause']): CommandContext => ({
  actor: 'system',
  role: 'system',
  correlationId: cause.correlationId,
  causationId: cause.id,
  commandId,
});

/**
 * Carries out a due item through the ordinary command handlers. A command that finds its deadline already
 * handled decides nothing; one that throws leaves the item due for the next tick.
 */
export const deadlineDispatcher =
  (commands: CommandBus, autoCloseBusinessDays: number) =>
  async (item: DueItem): Promise<void> => {
    const id = `deadline:${item.key}`;
    if (item.kind.startsWith('account.')) {
      const { accountId, period, cause } = item.payload as AccountDeadlinePayload;
      switch (item.kind) {
        case accountDeadlineKinds.lotExpiry:
          return void (await commands.execute(new ExpireLotsCommand(accountId, {}, systemContext(id, cause))));
        case accountDeadlineKinds.periodStart:
          await commands.execute(new ExpireLotsCommand(accountId, {}, systemContext(`${id}:expire`, cause)));
          return void (await commands.execute(new CreditMonthlyPlanCommand(accountId, { period: period! }, systemContext(`${id}:credit`, cause))));
        case accountDeadlineKinds.overageInvoice:
          return void (await commands.execute(new InvoiceOverageCommand(accountId, { period: period! }, systemContext(id, cause))));
      }
    }
    const { ticketId, kind, cause } = item.payload as TicketDeadlinePayload;
    switch (item.kind) {
      case ticketDeadlineKinds.slaBreach:
        return void (await commands.execute(new RecordSlaBreachCommand(ticketId, kind!, systemContext(id, cause))));
      case ticketDeadlineKinds.autoClose:
        return void (await commands.execute(new AutoCloseTicketCommand(ticketId, systemContext(id, cause), autoCloseBusinessDays)));
      default:
        throw new Error(`No dispatcher for deadline kind ${item.kind}`);
    }
  };
