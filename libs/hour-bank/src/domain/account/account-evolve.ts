import { assertNever, Draft } from '#kernel';
import type { AccountEvent, LotDraw } from './account-events.js';
import type { AccountBook, AccountState, Lot, OpenedAccount } from './account-state.js';
import type { PlanTerms } from '../plans/plan-terms.js';
import { DEFAULT_ALERT_SETTINGS } from './alert-events.js';
import { estimateGated, estimateGateVoided, minutesReserved, reservationReleased, reservationsEnded } from './evolve-reservations.js';
import { evolveAlert, evolveContract, evolveMaintenance } from './evolve-contract.js';
import { alertEventNames } from './alert-events.js';
import { contractEventNames } from './contract-events.js';
import { maintenanceEventNames } from './maintenance-events.js';

const isIn = <T extends AccountEvent>(names: Record<string, string>) => (event: AccountEvent): event is T => event.type in names;
const isContractEvent = isIn<Extract<AccountEvent, { type: keyof typeof contractEventNames }>>(contractEventNames);
const isAlertEvent = isIn<Extract<AccountEvent, { type: keyof typeof alertEventNames }>>(alertEventNames);
const isMaintenanceEvent = isIn<Extract<AccountEvent, { type: keyof typeof maintenanceEventNames }>>(maintenanceEventNames);

/** A credit that takes the balance to the low-balance threshold or above arms that alert. */
const rearmed = (book: OpenedAccount): OpenedAccount => {
  if (book.lowBalanceArmed) return book;
  const balance = book.lots.reduce((sum, lot) => sum + lot.minutes, 0);
  return balance >= (book.alertSettings ?? DEFAULT_ALERT_SETTINGS).lowBalanceMinutes ? { ...book, lowBalanceArmed: true } : book;
};

const addLot = (book: OpenedAccount, lot: Lot, draft: Draft): OpenedAccount => rearmed({ ...book, lots: draft.push(book.lots, lot) });

/** Takes the drawn minutes from the lots and forgets the lots left empty (and their expiry alerts). */
const drawLots = <Book extends AccountBook>(book: Book, draws: readonly LotDraw[]): Book => {
  const drawn = new Map(draws.map((draw) => [draw.lotId, draw.minutes]));
  const lots = book.lots
    .map((lot) => ({ ...lot, minutes: lot.minutes - (drawn.get(lot.lotId) ?? 0) }))
    .filter((lot) => lot.minutes > 0);
  return forgetAlerts({ ...book, lots });
};

const forgetAlerts = <Book extends AccountBook>(book: Book): Book =>
  book.expiryAlertedLots?.length ? { ...book, expiryAlertedLots: book.expiryAlertedLots.filter((id) => book.lots.some((lot) => lot.lotId === id)) } : book;

const opened = (state: AccountState, type: string): OpenedAccount => {
  if (state.status === 'unopened') throw new Error(`${type} on an account that was never opened`);
  return state;
};

const evolveOpened = (book: OpenedAccount, event: Exclude<AccountEvent, { type: 'AccountOpened' }>, draft: Draft): AccountState => {
  if (isContractEvent(event)) return evolveContract(book, event, draft);
  if (isAlertEvent(event)) return evolveAlert(book, event, draft);
  if (isMaintenanceEvent(event)) return evolveMaintenance(book, event, draft);
  return evolveBook(book, event, draft);
};

type BookEvent = Exclude<AccountEvent, { type: 'AccountOpened' } | { type: keyof typeof contractEventNames | keyof typeof alertEventNames | keyof typeof maintenanceEventNames }>;

const evolveBook = (book: OpenedAccount, event: BookEvent, draft: Draft): AccountState => {
  switch (event.type) {
    case 'MonthlyPlanCredited': {
      const { lotId, period, minutes, expiresAt } = event.data;
      const credited = { ...book, creditedPeriods: draft.push(book.creditedPeriods, period) };
      return addLot(credited, { lotId, source: 'plan', period, minutes, expiresAt }, draft);
    }
    case 'PackagePurchased': {
      const { lotId, period, minutes, expiresAt, packageId, purchasedAt, priceCents } = event.data;
      const prices = priceCents === undefined ? book.packagePrices : draft.set(book.packagePrices ?? {}, packageId, priceCents);
      const recorded = { ...book, packages: draft.set(book.packages, packageId, minutes), ...(prices && { packagePrices: prices }) };
      return addLot(recorded, { lotId, source: 'package', period, minutes, expiresAt, creditedAt: purchasedAt }, draft);
    }
    case 'AdjustmentCredited': {
      const { lotId, period, minutes, expiresAt, adjustmentId, adjustedAt } = event.data;
      const recorded = { ...book, adjustments: draft.set(book.adjustments, adjustmentId, minutes) };
      return addLot(recorded, { lotId, source: 'adjustment', period, minutes, expiresAt, creditedAt: adjustedAt }, draft);
    }
    case 'AdjustmentDebited': {
      const { adjustmentId, minutes, paidBy } = event.data;
      return drawLots({ ...book, adjustments: draft.set(book.adjustments, adjustmentId, -minutes) }, paidBy);
    }
    case 'PlanChanged':
      return withPlanFrom(book, event.data.effectiveFrom, event.data.plan);
    case 'PlanDiscontinued':
      return withPlanFrom(book, event.data.effectiveFrom, null);
    case 'EstimateGated':
      return estimateGated(book, event, draft);
    case 'EstimateGateVoided':
      return estimateGateVoided(book, event, draft);
    case 'MinutesReservedForTicket':
      return minutesReserved(book, event, draft);
    case 'TicketReservationReleased':
      return reservationReleased(book, event, draft);
    case 'TicketDebited':
      return evolveDebit(book, event.data, draft);
    case 'LotExpired':
      return forgetAlerts({ ...book, lots: book.lots.filter((lot) => lot.lotId !== event.data.lotId) });
    case 'OverageInvoiced':
      return { ...book, invoices: draft.set(book.invoices, event.data.period, event.data.amountCents) };
    case 'AccountCancelled':
      return { ...book, status: 'cancelled', cancelledAt: event.data.cancelledAt, cancellationReason: event.data.reason };
    default:
      return assertNever(event);
  }
};

const evolveDebit = (book: OpenedAccount, data: Extract<AccountEvent, { type: 'TicketDebited' }>['data'], draft: Draft) => {
  const { ticketId, minutes, shortfall, period, paidBy } = data;
  const shortfalls = shortfall > 0 ? draft.set(book.shortfalls, period, (book.shortfalls[period] ?? 0) + shortfall) : book.shortfalls;
  const settled = { ...reservationsEnded(book, ticketId, draft), debitedTickets: draft.set(book.debitedTickets, ticketId, minutes), shortfalls };
  return drawLots(settled, paidBy);
};

const withPlanFrom = (book: OpenedAccount, from: string, plan: PlanTerms | null): OpenedAccount =>
  ({ ...book, plans: [...book.plans.filter((entry) => entry.from < from), { from, plan }] });

/** Pure: `state` is never changed; a `draft` shared by a whole fold (`foldFrom`) keeps the fold linear. */
export const evolveAccount = (state: AccountState, event: AccountEvent, draft = Draft.copying): AccountState => {
  if (event.type !== 'AccountOpened') return evolveOpened(opened(state, event.type), event, draft);
  const { accountId, clientName, timeZone, calendarId, overageRateCentsPerHour, firstPeriod, plan, firstResponseBusinessMinutes } = event.data;
  return {
    status: 'open',
    accountId,
    clientName,
    timeZone,
    calendarId,
    overageRateCentsPerHour,
    firstPeriod,
    plans: [{ from: firstPeriod, plan: plan ?? null }],
    ...(firstResponseBusinessMinutes !== undefined && { packageFirstResponseBusinessMinutes: firstResponseBusinessMinutes }),
    creditedPeriods: [],
    lots: [],
    reservations: {},
    reservationRevisions: {},
    heldEstimates: {},
    packages: {},
    adjustments: {},
    debitedTickets: {},
    shortfalls: {},
    invoices: {},
  };
};
