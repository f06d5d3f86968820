import { assertNever, type Draft } from '#kernel';
import type { AlertEvent } from './alert-events.js';
import type { ContractEvent } from './contract-events.js';
import type { MaintenanceEvent } from './maintenance-events.js';
import type { OpenedAccount } from './account-state.js';
import { addPeriods } from '#calendar';

const amended = (book: OpenedAccount, event: Extract<ContractEvent, { type: 'ContractAmended' }>, draft: Draft): OpenedAccount => {
  const { effectiveFrom, clientName, overageRateCentsPerHour, calendarId, timeZone } = event.data;
  const change = {
    from: effectiveFrom, ...(clientName !== undefined && { clientName }), ...(timeZone !== undefined && { timeZone }),
    ...(overageRateCentsPerHour !== undefined && { overageRateCentsPerHour }), ...(calendarId !== undefined && { calendarId }),
  };
  const amendments = draft.push(book.amendments ?? [], change).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  return { ...book, amendments };
};

/** Account manager, support channels and amendments. */
export const evolveContract = (book: OpenedAccount, event: ContractEvent, draft: Draft): OpenedAccount => {
  switch (event.type) {
    case 'AccountManagerAssigned':
      return { ...book, accountManager: { userId: event.data.userId, name: event.data.name } };
    case 'AccountManagerRemoved': {
      const { accountManager: _removed, ...rest } = book;
      return rest;
    }
    case 'SupportChannelsSet': {
      const { whatsappGroup, emergencyWhatsappGroup } = event.data;
      return { ...book, channels: { ...(whatsappGroup && { whatsappGroup }), ...(emergencyWhatsappGroup && { emergencyWhatsappGroup }) } };
    }
    case 'ContractAmended':
      return amended(book, event, draft);
    default:
      return assertNever(event);
  }
};

/** Alert settings and the alerts already raised (so that none fires twice). */
export const evolveAlert = (book: OpenedAccount, event: AlertEvent, draft: Draft): OpenedAccount => {
  switch (event.type) {
    case 'AlertSettingsChanged': {
      const { lowBalanceMinutes, expiringWithinDays, changedAt } = event.data;
      return { ...book, alertSettings: { lowBalanceMinutes, expiringWithinDays }, alertSettingsFrom: changedAt };
    }
    case 'LowBalanceAlerted':
      return { ...book, lowBalanceArmed: false };
    case 'LotExpiringSoonAlerted':
      return { ...book, expiryAlertedLots: draft.push(book.expiryAlertedLots ?? [], event.data.lotId) };
    case 'ShortfallAlerted':
      return { ...book, shortfallAlertedPeriods: draft.push(book.shortfallAlertedPeriods ?? [], event.data.period) };
    default:
      return assertNever(event);
  }
};

export const evolveMaintenance = (book: OpenedAccount, event: MaintenanceEvent, draft: Draft): OpenedAccount => {
  const schedules = book.maintenance ?? {};
  switch (event.type) {
    case 'MaintenanceScheduled': {
      const { scheduledAt: _at, ...schedule } = event.data;
      return { ...book, maintenance: draft.set(schedules, schedule.scheduleId, { ...schedule, next: schedule.firstPeriod }) };
    }
    case 'MaintenanceScheduleEnded': {
      const { next: _next, ...ended } = schedules[event.data.scheduleId]!;
      return { ...book, maintenance: draft.set(schedules, event.data.scheduleId, ended) };
    }
    case 'MaintenanceTicketDue': {
      const schedule = schedules[event.data.scheduleId]!;
      const next = addPeriods(event.data.occurrence, schedule.everyMonths);
      return { ...book, maintenance: draft.set(schedules, schedule.scheduleId, { ...schedule, next }) };
    }
    default:
      return assertNever(event);
  }
};
