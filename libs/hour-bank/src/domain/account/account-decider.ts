import { type Decider, assertNever } from '#kernel';
import type { AccountCommand } from './account-commands.js';
import type { AccountEvent } from './account-events.js';
import { evolveAccount } from './account-evolve.js';
import { type AccountState, initialAccountState } from './account-state.js';
import { expireLots, invoiceOverage } from './decide-closing.js';
import { adjustBalance, creditMonthlyPlan, purchasePackage } from './decide-credits.js';
import { cancelAccount, changePlan, openAccount } from './decide-lifecycle.js';
import { gateEstimate, voidEstimateGate } from './decide-gate.js';
import { debitTicket, releaseReservation, reserveForTicket } from './decide-tickets.js';
import { amendContract, assignAccountManager, removeAccountManager, setSupportChannels } from './decide-contract.js';
import { changeAlertSettings, endMaintenanceSchedule, scheduleMaintenance } from './decide-schedules.js';

export const accountStream = (accountId: string): string => `account-${accountId}`;

const decide = (command: AccountCommand, state: AccountState): AccountEvent[] => {
  switch (command.type) {
    case 'OpenAccount':
      return openAccount(command, state);
    case 'CreditMonthlyPlan':
      return creditMonthlyPlan(command, state);
    case 'PurchasePackage':
      return purchasePackage(command, state);
    case 'AdjustBalance':
      return adjustBalance(command, state);
    case 'ChangePlan':
      return changePlan(command, state);
    case 'GateEstimate':
      return gateEstimate(command, state);
    case 'VoidEstimateGate':
      return voidEstimateGate(command, state);
    case 'ReserveForTicket':
      return reserveForTicket(command, state);
    case 'ReleaseReservation':
      return releaseReservation(command, state);
    case 'DebitTicket':
      return debitTicket(command, state);
    case 'ExpireLots':
      return expireLots(command, state);
    case 'InvoiceOverage':
      return invoiceOverage(command, state);
    case 'CancelAccount':
      return cancelAccount(command, state);
    case 'AssignAccountManager':
      return assignAccountManager(command, state);
    case 'RemoveAccountManager':
      return removeAccountManager(command, state);
    case 'SetSupportChannels':
      return setSupportChannels(command, state);
    case 'AmendContract':
      return amendContract(command, state);
    case 'ChangeAlertSettings':
      return changeAlertSettings(command, state);
    case 'ScheduleMaintenance':
      return scheduleMaintenance(command, state);
    case 'EndMaintenanceSchedule':
      return endMaintenanceSchedule(command, state);
    default:
      return assertNever(command);
  }
};

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccountState,
  decide,
  evolve: evolveAccount,
};
