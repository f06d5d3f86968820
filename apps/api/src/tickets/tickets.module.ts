import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TICKET_ACCOUNTS, ticketingApplicationProviders } from '#ticketing';
import { AccountsModule } from '../accounts/accounts.module.js';
import { GetTicketHistoryHandler } from './queries/get-ticket-history.query.js';
import { ListTicketsHandler } from './queries/list-tickets.query.js';
import { TicketAccountsAdapter } from './ticket-accounts.adapter.js';
import { TicketActionsController } from './ticket-actions.controller.js';
import { TicketListReadModel } from './ticket-list.read-model.js';
import { TicketsController } from './tickets.controller.js';

@Module({
  imports: [CqrsModule, AccountsModule],
  controllers: [TicketsController, TicketActionsController],
  providers: [
    ...ticketingApplicationProviders,
    { provide: TICKET_ACCOUNTS, useClass: TicketAccountsAdapter },
    TicketListReadModel,
    ListTicketsHandler,
    GetTicketHistoryHandler,
  ],
  exports: [TICKET_ACCOUNTS],
})
export class TicketsModule {}
