import type { Provider } from '@nestjs/common';
import { ProvideClarificationHandler, RequestClarificationHandler } from './commands/clarification.handlers.js';
import {
  AcceptDeliveryHandler,
  CancelTicketHandler,
  EscalateToProjectHandler,
  RecordProjectOfferHandler,
  RequestRevisionHandler,
} from './commands/closing.handlers.js';
import { ApproveEstimateHandler, EstimateTicketHandler, RejectEstimateHandler, RequestOverrunApprovalHandler } from './commands/estimate.handlers.js';
import { serviceHandlers } from './commands/service.handlers.js';
import { OpenScheduledTicketHandler } from './commands/open-scheduled-ticket.handler.js';
import { OpenTicketHandler } from './commands/open-ticket.handler.js';
import { AssignTicketNumberHandler, AutoCloseTicketHandler, RecordSlaAtRiskHandler, RecordSlaBreachHandler } from './commands/scheduled.handlers.js';
import { TicketNumbers } from './ticket-numbers.js';
import { CorrectTimeEntryHandler, DeliverTicketHandler, LogTimeHandler } from './commands/work.handlers.js';
import { GetTicketHandler } from './queries/get-ticket.query.js';
import { TicketPipeline } from './ticket-pipeline.js';
import { conversationProviders } from './conversation.js';

/** The ticketing context's handlers; the host also provides TICKET_ACCOUNTS and imports CqrsModule. */
export const ticketingApplicationProviders: Provider[] = [
  TicketPipeline,
  OpenTicketHandler,
  RequestClarificationHandler,
  ProvideClarificationHandler,
  EstimateTicketHandler,
  ApproveEstimateHandler,
  RejectEstimateHandler,
  LogTimeHandler,
  CorrectTimeEntryHandler,
  DeliverTicketHandler,
  RequestRevisionHandler,
  AcceptDeliveryHandler,
  CancelTicketHandler,
  EscalateToProjectHandler,
  RecordProjectOfferHandler,
  AutoCloseTicketHandler,
  RecordSlaBreachHandler,
  RecordSlaAtRiskHandler,
  RequestOverrunApprovalHandler,
  OpenScheduledTicketHandler,
  ...serviceHandlers,
  AssignTicketNumberHandler,
  TicketNumbers,
  GetTicketHandler,
  ...conversationProviders,
];
