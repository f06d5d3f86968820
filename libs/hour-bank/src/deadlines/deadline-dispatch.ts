import type { CommandBus } from '@nestjs/cqrs';
import type { DueItem } from '#projections';
import { RecordSlaAtRiskCommand, RecordSlaBreachCommand, type TicketDeadlinePayload, ticketDeadlineKinds } from '#ticketing';
import { CloseDueTicketCommand, deadlineContext } from '../application/commands/close-due-ticket.command.js';
import { CreditMonthlyPlanCommand, ExpireLotsCommand, InvoiceOverageCommand } from '../application/commands/system-account.handlers.js';
import { type AccountDeadlinePayload, accountDeadlineKinds } from './account-deadlines.js';

const accountCommand = (item: DueItem) => {
  const { accountId, period, cause } = item.payload as AccountDeadlinePayload;
  switch (item.kind) {
    // An expiry, an expiry alert and a maintenance occurrence are all "write what is due now" on the account.
    case accountDeadlineKinds.lotExpiry:
    case accountDeadlineKinds.expiryAlert:
    case accountDeadlineKinds.maintenance:
      return new ExpireLotsCommand(accountId, {}, deadlineContext(item.key, cause));
    case accountDeadlineKinds.periodStart:
      return new CreditMonthlyPlanCommand(accountId, { period: period! }, deadlineContext(item.key, cause, ':credit'));
    case accountDeadlineKinds.overageInvoice:
      return new InvoiceOverageCommand(accountId, { period: period! }, deadlineContext(item.key, cause));
    default:
      return undefined;
  }
};

const ticketCommand = (item: DueItem) => {
  const { ticketId, kind, cause } = item.payload as TicketDeadlinePayload;
  switch (item.kind) {
    case ticketDeadlineKinds.slaBreach:
      return new RecordSlaBreachCommand(ticketId, kind!, deadlineContext(item.key, cause));
    case ticketDeadlineKinds.slaAtRisk:
      return new RecordSlaAtRiskCommand(ticketId, kind!, deadlineContext(item.key, cause));
    case ticketDeadlineKinds.autoClose:
      return new CloseDueTicketCommand({ key: item.key, ticketId, cause });
    default:
      return undefined;
  }
};

/**
 * Carries out a due item through the ordinary command handlers. Each fact takes effect at its due instant,
 * however late this runs; a command that finds its deadline already handled decides nothing; one that throws
 * leaves the item due for the next tick. An automatic close is followed by its debit before the next item.
 */
export const deadlineDispatcher =
  (commands: CommandBus) =>
  async (item: DueItem): Promise<void> => {
    const command = accountCommand(item) ?? ticketCommand(item);
    if (!command) throw new Error(`No dispatcher for deadline kind ${item.kind}`);
    await commands.execute(command);
  };
