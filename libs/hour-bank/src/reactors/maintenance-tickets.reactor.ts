import type { CommandBus } from '@nestjs/cqrs';
import { deterministicEventId } from '#eventstore';
import { systemCommandContext } from '#platform';
import type { Reactor } from '#projections';
import { OpenScheduledTicketCommand } from '#ticketing';
import { accountCodec } from '../application/codecs.js';
import type { AccountEvent } from '../domain/account/account-events.js';
import { accountEventNames } from '../domain/account/account-events.js';

export const MAINTENANCE_TICKETS_REACTOR = 'maintenance-tickets';

/** The ticket of an occurrence: the same id whichever process opens it, and however often. */
export const maintenanceTicketId = (accountId: string, scheduleId: string, occurrence: string): string =>
  deterministicEventId(`maintenance:${accountId}:${scheduleId}:${occurrence}`, 0);

/**
 * A recurring maintenance occurrence the account found due opens its ticket, as of the due instant, with an id
 * derived from the occurrence: a redelivered or replayed event opens nothing new.
 */
export const maintenanceTicketsReactor = (commands: Pick<CommandBus, 'execute'>): Reactor => ({
  name: MAINTENANCE_TICKETS_REACTOR,
  filter: { streamCategories: ['account'], eventTypes: [accountEventNames.MaintenanceTicketDue] },
  async handle(recorded) {
    const event = accountCodec.decode<AccountEvent>(recorded);
    if (event.type !== 'MaintenanceTicketDue') return;
    const accountId = recorded.stream.slice('account-'.length);
    const { scheduleId, occurrence, kind, title, description, dueAt } = event.data;
    const ticket = { ticketId: maintenanceTicketId(accountId, scheduleId, occurrence), accountId, title, description, dueAt, maintenance: { scheduleId, occurrence, kind } };
    await commands.execute(new OpenScheduledTicketCommand(ticket, systemCommandContext(`${MAINTENANCE_TICKETS_REACTOR}:${recorded.id}`, recorded)));
  },
});
