import type { EventContract, PublicContext } from './event-contract.js';
import { pick, withAccount } from './event-contract.js';
import { boolean, cents, freeText, instant, minutes, object, oneOfValues, period, signedMinutes, text, type JsonSchema } from './json-schema.js';

export const accountId = text('The account (hour bank) the event belongs to');
export const plan = object({
  code: oneOfValues(['START', 'BASIC', 'ADVANCED', 'CUSTOM']),
  monthlyMinutes: minutes('Minutes credited each period'),
  firstResponseBusinessMinutes: minutes('First-response SLA target in business minutes'),
});
export const publicPlan = (terms: Readonly<Record<string, unknown>>) => pick(terms, 'code', 'monthlyMinutes', 'firstResponseBusinessMinutes');
type Payload = Readonly<Record<string, any>>;

const lotCredit = (extra: Record<string, JsonSchema>): JsonSchema =>
  object({ accountId, lotId: text('The lot the minutes went into'), minutes: minutes(), period, ...extra, expiresAt: instant('When the lot expires') });

export function contract(
  type: string, title: string, summary: string, data: JsonSchema, fields: readonly string[],
  extra: (payload: Payload) => Record<string, unknown> = () => ({}),
): EventContract {
  return {
    type, title, summary, audience: 'account', data,
    toPublic: (payload: Payload, context: PublicContext) => ({ accountId: withAccount(context, payload), ...pick(payload, ...fields), ...extra(payload) }),
  };
}

/** Account events as downstream sees them: lot draws stay internal, the plan is shown without its catalog version. */
export const accountContracts: readonly EventContract[] = [
  contract('hourbank.account.opened.v1', 'Account opened', 'A client contract (hour bank) was opened',
    object({ accountId, clientName: text(), plan, firstPeriod: period, timeZone: text('IANA time zone of the account'), overageRateCentsPerHour: cents(), openedAt: instant() }),
    ['clientName', 'firstPeriod', 'timeZone', 'overageRateCentsPerHour', 'openedAt'], (p) => ({ plan: publicPlan(p.plan) })),
  contract('hourbank.account.monthly-plan-credited.v1', 'Monthly plan credited', "The period's plan minutes were credited as a new lot",
    lotCredit({ planCode: oneOfValues(['START', 'BASIC', 'ADVANCED', 'CUSTOM']), creditedAt: instant() }),
    ['lotId', 'minutes', 'period', 'creditedAt', 'expiresAt'], (p) => ({ planCode: p.plan.code })),
  contract('hourbank.account.package-purchased.v1', 'Package purchased', 'A single package (pacote único) of minutes was bought',
    lotCredit({ packageId: text(), purchasedAt: instant() }), ['packageId', 'lotId', 'minutes', 'period', 'purchasedAt', 'expiresAt']),
  contract('hourbank.account.adjustment-credited.v1', 'Adjustment credited', 'A manager credited minutes, with a reason',
    lotCredit({ adjustmentId: text(), reason: text(), adjustedAt: instant() }), ['adjustmentId', 'lotId', 'minutes', 'reason', 'period', 'adjustedAt', 'expiresAt']),
  contract('hourbank.account.adjustment-debited.v1', 'Adjustment debited', 'A manager took minutes from the balance, with a reason',
    object({ accountId, adjustmentId: text(), minutes: minutes('Minutes taken (positive)'), reason: text(), period, adjustedAt: instant() }),
    ['adjustmentId', 'minutes', 'reason', 'period', 'adjustedAt']),
  contract('hourbank.account.plan-changed.v1', 'Plan changed', 'The plan changes from the given period on',
    object({ accountId, plan, effectiveFrom: period, changedAt: instant() }), ['effectiveFrom', 'changedAt'], (p) => ({ plan: publicPlan(p.plan) })),
  contract('hourbank.account.estimate-gated.v1', 'Estimate gated', "The approval gate, decided on the account: an estimate compared with the available minutes, which it holds until the ticket records it",
    object({ accountId, ticketId: text(), minutes: minutes(), availableMinutes: signedMinutes('Available minutes without this ticket (may be negative)'), approvalRequired: boolean, gatedAt: instant() }),
    ['ticketId', 'minutes', 'availableMinutes', 'approvalRequired', 'gatedAt']),
  contract('hourbank.account.estimate-gate-voided.v1', 'Estimate gate voided', 'The ticket could not record the gated estimate; the minutes it held are free again',
    object({ accountId, ticketId: text(), minutes: minutes(), voidedAt: instant() }), ['ticketId', 'minutes', 'voidedAt']),
  contract('hourbank.account.minutes-reserved-for-ticket.v1', 'Minutes reserved for a ticket', "An estimate holds minutes of the account's available balance",
    object({ accountId, ticketId: text(), minutes: minutes(), reservedAt: instant() }), ['ticketId', 'minutes', 'reservedAt']),
  contract('hourbank.account.ticket-reservation-released.v1', 'Ticket reservation released', "A ticket's reservation was released",
    object({ accountId, ticketId: text(), minutes: minutes(), releasedAt: instant() }), ['ticketId', 'minutes', 'releasedAt']),
  contract('hourbank.account.ticket-debited.v1', 'Ticket debited', "A ended ticket's logged minutes were debited; what the lots could not cover is shortfall",
    object({ accountId, ticketId: text(), minutes: minutes(), covered: minutes('Minutes paid by lots'), shortfall: minutes('Minutes no lot could cover'), period, debitedAt: instant(), endedAt: instant('When the ticket ended; the shortfall belongs to its period (absent on debits recorded before it was added)') }, ['endedAt']),
    ['ticketId', 'minutes', 'covered', 'shortfall', 'period', 'debitedAt', 'endedAt']),
  contract('hourbank.account.lot-expired.v1', 'Lots expired', 'The unused minutes of a lot left the balance at its expiry',
    object({ accountId, lotId: text(), minutes: minutes('Unused minutes that expired'), expiredAt: instant(), period }), ['lotId', 'minutes', 'expiredAt', 'period']),
  contract('hourbank.account.overage-invoiced.v1', 'Overage invoiced', "A period's shortfall was invoiced at the overage rate",
    object({ accountId, period, shortfallMinutes: minutes(), rateCentsPerHour: cents(), amountCents: cents(), invoicedAt: instant() }),
    ['period', 'shortfallMinutes', 'rateCentsPerHour', 'amountCents', 'invoicedAt']),
  contract('hourbank.account.cancelled.v1', 'Account cancelled', 'No more credits; open tickets may still close',
    object({ accountId, reason: freeText(), cancelledAt: instant() }), ['reason', 'cancelledAt']),
];
