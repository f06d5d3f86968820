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
import { DebitTicketHandler, ReleaseReservationHandler, ReserveForTicketHandler } from './commands/ticket-account.handlers.js';
import { PlanCatalogReader } from './plan-catalog-reader.js';
import { GetAccountHandler } from './queries/get-account.query.js';
import { StreamReader } from './stream-reader.js';

/** Everything a Nest module needs to run the accounts context's commands and queries (CqrsModule imported). */
export const hourBankApplicationProviders: Provider[] = [
  StreamReader,
  CalendarBook,
  PlanCatalogReader,
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
  GetAccountHandler,
];
