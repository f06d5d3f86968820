import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccountHistory, CalendarBook, PlanCatalogReader, StreamReader, hourBankApplicationProviders } from '#hour-bank';
import { AccountsController } from './accounts.controller.js';
import { StaffDirectoryModule } from '../identity/staff-directory.module.js';
import { ContractController } from './contract.controller.js';
import { PlansController } from '../plans/plans.controller.js';
import { GetAccountLedgerHandler } from './queries/get-account-ledger.query.js';

@Module({
  // The staff directory (account managers, assignees) comes with the handlers, whatever the host (API, worker, a test).
  imports: [CqrsModule, StaffDirectoryModule],
  controllers: [AccountsController, ContractController, PlansController],
  providers: [...hourBankApplicationProviders, GetAccountLedgerHandler],
  exports: [StreamReader, CalendarBook, PlanCatalogReader, AccountHistory],
})
export class AccountsModule {}
