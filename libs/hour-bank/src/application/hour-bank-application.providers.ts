import type { Provider } from '@nestjs/common';
import { AccountPipeline } from './account-pipeline.js';
import { CalendarBook } from './calendar-book.js';
import { OpenAccountHandler } from './commands/open-account.handler.js';
import {
  AdjustBalanceHandler,
  CancelAccountHandler,
  ChangePlanHandler,
  PurchasePackageHandler,
} from './commands/account-changes.handlers.js';
import { CreditMonthlyPlanHandler, ExpireLotsHandler, InvoiceOverageHandler } from './commands/system-account.handlers.js';
import {
  DebitTicketHandler, GateEstimateHandler, ReleaseReservationHandler, ReserveForTicketHandler, VoidEstimateGateHandler,
} from './commands/ticket-account.handlers.js';
import { CloseDueTicketHandler } from './commands/close-due-ticket.handler.js';
import { contractHandlers } from './commands/contract.handlers.js';
import { RevisePlanHandler } from './commands/revise-plan.handler.js';
import { DueTicketClosesFromStreams } from './due-ticket-closes.js';
import { DUE_TICKET_CLOSES } from './due-ticket-closes.port.js';
import { AccountCalendars } from './account-calendars.js';
import { AccountHistory } from './account-history.js';
import { PlanCatalogReader } from './plan-catalog-reader.js';
import { GetAccountHandler } from './queries/get-account.query.js';
import { StreamReader } from './stream-reader.js';

/** Everything a Nest module needs to run the accounts context's commands and queries (CqrsModule imported). */
export const hourBankApplicationProviders: Provider[] = [
  StreamReader,
  CalendarBook,
  AccountCalendars,
  AccountHistory,
  PlanCatalogReader,
  DueTicketClosesFromStreams,
  { provide: DUE_TICKET_CLOSES, useExisting: DueTicketClosesFromStreams },
  AccountPipeline,
  OpenAccountHandler,
  PurchasePackageHandler,
  AdjustBalanceHandler,
  ChangePlanHandler,
  CancelAccountHandler,
  CreditMonthlyPlanHandler,
  ExpireLotsHandler,
  InvoiceOverageHandler,
  ReserveForTicketHandler,
  ReleaseReservationHandler,
  DebitTicketHandler,
  GateEstimateHandler,
  VoidEstimateGateHandler,
  CloseDueTicketHandler,
  ...contractHandlers,
  RevisePlanHandler,
  GetAccountHandler,
];
