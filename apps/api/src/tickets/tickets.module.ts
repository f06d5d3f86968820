import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ATTACHMENT_SETTINGS, ATTACHMENT_STORE, TICKET_ACCOUNTS, openAttachmentStore, ticketingApplicationProviders } from '#ticketing';
import { PLATFORM_CONFIG, type PlatformConfig } from '#platform';
import { AccountsModule } from '../accounts/accounts.module.js';
import { GetTicketHistoryHandler } from './queries/get-ticket-history.query.js';
import { ListTicketsHandler } from './queries/list-tickets.query.js';
import { TicketAccountsAdapter } from './ticket-accounts.adapter.js';
import { TicketActionsController } from './ticket-actions.controller.js';
import { TicketServiceController } from './ticket-service.controller.js';
import { ConversationController } from './conversation.controller.js';
import { TicketListReadModel } from './ticket-list.read-model.js';
import { TicketsController } from './tickets.controller.js';

@Module({
  imports: [CqrsModule, AccountsModule],
  controllers: [TicketsController, TicketActionsController, TicketServiceController, ConversationController],
  providers: [
    ...ticketingApplicationProviders,
    { provide: TICKET_ACCOUNTS, useClass: TicketAccountsAdapter },
    {
      provide: ATTACHMENT_STORE,
      useFactory: (config: PlatformConfig) => openAttachmentStore(config.tickets.attachmentStore, config.dataDir),
      inject: [PLATFORM_CONFIG],
    },
    { provide: ATTACHMENT_SETTINGS, useFactory: (config: PlatformConfig) => ({ maxBytes: config.tickets.attachmentMaxBytes }), inject: [PLATFORM_CONFIG] },
    TicketListReadModel,
    ListTicketsHandler,
    GetTicketHistoryHandler,
  ],
  exports: [TICKET_ACCOUNTS],
})
export class TicketsModule {}
