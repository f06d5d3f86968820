import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '#platform';
import type { DueTicketClose } from '../due-ticket-closes.port.js';

/** The system acts on a deadline: correlated with, and caused by, the event that set it; the id derives from the key. */
export const deadlineContext = (key: string, cause: DueTicketClose['cause'], step = ''): CommandContext => ({
  actor: 'system',
  role: 'system',
  correlationId: cause.correlationId,
  causationId: cause.id,
  commandId: `deadline:${key}${step}`,
});

/** A ticket's automatic close that is due, and the debit it causes. */
export class CloseDueTicketCommand extends Command<void> {
  constructor(readonly close: Pick<DueTicketClose, 'key' | 'ticketId' | 'cause'>) {
    super();
  }
}
