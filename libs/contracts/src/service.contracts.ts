import type { EventContract, PublicContext } from './event-contract.js';
import { pick, withAccount } from './event-contract.js';
import { accountId, contract as accountContract, plan, publicPlan } from './account.contracts.js';
import { actorRole, contract as ticketContract, ids } from './ticket.contracts.js';
import { cents, freeText, instant, list, minutes, object, oneOfValues, period, text, type JsonSchema } from './json-schema.js';

type Payload = Readonly<Record<string, any>>;
const SLA_KIND = oneOfValues(['firstResponse', 'deliveryPromise']);
const attachment = object({ attachmentId: text('SHA-256 of the content'), name: text(), mediaType: text(), size: { type: 'integer', minimum: 1 } });

const staffTicket = (type: string, title: string, summary: string, data: Record<string, JsonSchema>): EventContract => ({
  type, title, summary, audience: 'staff', data: object({ ...ids, ...data }),
  toPublic: (payload: Payload, context: PublicContext) => ({ ...pick(payload, 'ticketId'), accountId: withAccount(context, payload), ...pick(payload, ...Object.keys(data)) }),
});

/** The contract's new facts (issue 15): kinds, the account manager, amendments, alerts and recurring maintenance. */
export const contractEventContracts: readonly EventContract[] = [
  accountContract('hourbank.account.opened.v2', 'Account opened', 'A client contract (hour bank) was opened: a monthly plan, or a single package only',
    object({
      accountId, clientName: text(), kind: oneOfValues(['plan', 'package']), plan, firstResponseBusinessMinutes: minutes('A package-only contract\'s first-response target'),
      firstPeriod: period, timeZone: text('IANA time zone of the account'), overageRateCentsPerHour: cents(), openedAt: instant(),
    }, ['plan', 'firstResponseBusinessMinutes']),
    ['clientName', 'kind', 'firstResponseBusinessMinutes', 'firstPeriod', 'timeZone', 'overageRateCentsPerHour', 'openedAt'], (p) => (p.plan ? { plan: publicPlan(p.plan) } : {})),
  accountContract('hourbank.account.package-purchased.v2', 'Package purchased', 'A single package (pacote único) of minutes was sold, at its price',
    object({ accountId, packageId: text(), lotId: text(), minutes: minutes(), priceCents: cents('What the client pays'), period, purchasedAt: instant(), expiresAt: instant() }, ['priceCents']),
    ['packageId', 'lotId', 'minutes', 'priceCents', 'period', 'purchasedAt', 'expiresAt']),
  accountContract('hourbank.account.plan-discontinued.v1', 'Plan discontinued', 'From the period given the contract is package-only: no monthly credit',
    object({ accountId, effectiveFrom: period, changedAt: instant() }), ['effectiveFrom', 'changedAt']),
  accountContract('hourbank.account.manager-assigned.v1', 'Account manager assigned', "The plan's account manager (gerente de atendimento)",
    object({ accountId, userId: text(), name: text(), previousUserId: text(), assignedAt: instant() }, ['previousUserId']), ['userId', 'name', 'previousUserId', 'assignedAt']),
  accountContract('hourbank.account.manager-removed.v1', 'Account manager removed', 'The account has no account manager any more',
    object({ accountId, userId: text(), removedAt: instant() }), ['userId', 'removedAt']),
  accountContract('hourbank.account.support-channels-set.v1', 'Support channels set', "The plan's WhatsApp groups",
    object({ accountId, whatsappGroup: text(), emergencyWhatsappGroup: text(), setAt: instant() }, ['whatsappGroup', 'emergencyWhatsappGroup']),
    ['whatsappGroup', 'emergencyWhatsappGroup', 'setAt']),
  accountContract('hourbank.account.contract-amended.v1', 'Contract amended', 'New terms from a period on (only the ones given change; a new calendar is told by id to staff only)',
    object({ accountId, effectiveFrom: period, clientName: text(), overageRateCentsPerHour: cents(), timeZone: text(), reason: text(), amendedAt: instant() }, ['clientName', 'overageRateCentsPerHour', 'timeZone']),
    ['effectiveFrom', 'clientName', 'overageRateCentsPerHour', 'timeZone', 'reason', 'amendedAt']),
  accountContract('hourbank.account.alert-settings-changed.v1', 'Alert settings changed', 'When the alerts fire (zero: off)',
    object({ accountId, lowBalanceMinutes: minutes(), expiringWithinDays: { type: 'integer', minimum: 0 }, changedAt: instant() }), ['lowBalanceMinutes', 'expiringWithinDays', 'changedAt']),
  accountContract('hourbank.account.low-balance-alerted.v1', 'Low balance', 'The balance went under the threshold (once, until a credit takes it back)',
    object({ accountId, balanceMinutes: minutes(), thresholdMinutes: minutes(), alertedAt: instant('When it went under') }), ['balanceMinutes', 'thresholdMinutes', 'alertedAt']),
  accountContract('hourbank.account.lot-expiring-soon-alerted.v1', 'Lot expiring soon', 'Unused minutes of a lot expire soon (once per lot)',
    object({ accountId, lotId: text(), minutes: minutes('Minutes left'), expiresAt: instant(), alertedAt: instant() }), ['lotId', 'minutes', 'expiresAt', 'alertedAt']),
  accountContract('hourbank.account.shortfall-alerted.v1', 'Shortfall accruing', 'A debit of the period was not covered: the overage will be invoiced (once a period)',
    object({ accountId, period, shortfallMinutes: minutes(), rateCentsPerHour: cents(), estimatedAmountCents: cents(), alertedAt: instant() }),
    ['period', 'shortfallMinutes', 'rateCentsPerHour', 'estimatedAmountCents', 'alertedAt']),
  accountContract('hourbank.account.maintenance-scheduled.v1', 'Maintenance scheduled', 'A recurring maintenance ticket (security updates, backups) every N months',
    object({
      accountId, scheduleId: text(), kind: oneOfValues(['security_updates', 'backup']), title: text(), description: freeText(), everyMonths: { type: 'integer', minimum: 1 },
      dayOfMonth: { type: 'integer', minimum: 1, maximum: 28 }, localTime: text(), firstPeriod: period, scheduledAt: instant(),
    }), ['scheduleId', 'kind', 'title', 'description', 'everyMonths', 'dayOfMonth', 'localTime', 'firstPeriod', 'scheduledAt']),
  accountContract('hourbank.account.maintenance-schedule-ended.v1', 'Maintenance schedule ended', 'No more tickets from the schedule',
    object({ accountId, scheduleId: text(), endedAt: instant() }), ['scheduleId', 'endedAt']),
  accountContract('hourbank.account.maintenance-ticket-due.v1', 'Maintenance ticket due', 'An occurrence came due: its ticket is opened as of then',
    object({ accountId, scheduleId: text(), occurrence: period, kind: oneOfValues(['security_updates', 'backup']), title: text(), description: freeText(), dueAt: instant() }),
    ['scheduleId', 'occurrence', 'kind', 'title', 'description', 'dueAt']),
];

const PRIORITY = oneOfValues(['low', 'normal', 'high', 'urgent']);

/** The ticket's new facts: assignment, priority, the consultative service, scope, offers, overruns, SLA risk. */
export const serviceEventContracts: readonly EventContract[] = [
  ticketContract('hourbank.ticket.assigned.v1', 'Ticket assigned', 'Who works the ticket (a reassignment names who had it)',
    { assigneeId: text(), assigneeName: text(), previousAssigneeId: text(), assignedAt: instant() }, ['previousAssigneeId']),
  ticketContract('hourbank.ticket.unassigned.v1', 'Ticket unassigned', 'Nobody works the ticket now', { previousAssigneeId: text(), unassignedAt: instant() }),
  ticketContract('hourbank.ticket.priority-changed.v1', 'Priority changed', 'The ticket\'s priority', { priority: PRIORITY, previousPriority: PRIORITY, changedAt: instant() }),
  ticketContract('hourbank.ticket.execution-plan-agreed.v1', 'Execution plan agreed', 'The plan agreed with the client for the work, and who executes it (seed 001)',
    { plan: text(), executedBy: oneOfValues(['technician', 'clientAssisted']), agreedAt: instant() }),
  ticketContract('hourbank.ticket.pending-question-recorded.v1', 'Pending question', 'A question left open in the session, answered later', { questionId: text(), question: text(), recordedAt: instant() }),
  ticketContract('hourbank.ticket.pending-question-answered.v1', 'Pending question answered', 'The technician answered a pending question', { questionId: text(), answer: text(), answeredAt: instant() }),
  ticketContract('hourbank.ticket.marked-out-of-scope.v1', 'Out of scope', 'The demand is outside what the service covers: refused or escalated to a project', {
    reason: text(), note: text(), resolution: oneOfValues(['refuse', 'escalate']), markedAt: instant(),
  }),
  ticketContract('hourbank.ticket.project-offer-accepted.v1', 'Project offer accepted', 'The client accepted the project offer', { offerId: text(), acceptedBy: actorRole, acceptedAt: instant() }),
  ticketContract('hourbank.ticket.project-offer-declined.v1', 'Project offer declined', 'The client declined the project offer', {
    offerId: text(), reason: freeText(), declinedBy: actorRole, declinedAt: instant(),
  }),
  ticketContract('hourbank.ticket.overrun-approval-requested.v1', 'More minutes requested', 'Time beyond the approved estimate and its margin awaits the client\'s approval', {
    additionalMinutes: minutes(), previousEstimatedMinutes: minutes(), estimatedMinutes: minutes('The estimate if approved'), reason: text(), requestedAt: instant(),
  }),
  ticketContract('hourbank.ticket.overrun-approved.v1', 'More minutes approved', 'The new estimate is approved; work goes on', { estimatedMinutes: minutes(), approvedBy: actorRole, approvedAt: instant() }),
  ticketContract('hourbank.ticket.overrun-rejected.v1', 'More minutes rejected', 'The approved estimate stands', {
    estimatedMinutes: minutes(), reason: freeText(), rejectedBy: actorRole, rejectedAt: instant(),
  }),
  ticketContract('hourbank.ticket.sla-at-risk.v1', 'SLA at risk', 'A running SLA timer reached 80 % of its target (once per timer)', { kind: SLA_KIND, dueAt: instant(), atRiskAt: instant() }),
];

const message = { messageId: text(), body: freeText(), attachments: list(attachment), authorId: text(), authorRole: actorRole, postedAt: instant() };

/** The conversation: public messages reach the client's feed; internal notes and uploads are staff only. */
export const conversationContracts: readonly EventContract[] = [
  ticketContract('hourbank.conversation.message-posted.v1', 'Message posted', 'A public message on the ticket (client or staff), with its files', message),
  staffTicket('hourbank.conversation.internal-note-added.v1', 'Internal note', 'A note only staff see', message),
  staffTicket('hourbank.conversation.attachment-uploaded.v1', 'Attachment uploaded', 'A file was uploaded to the ticket (posted with a message later)', {
    attachmentId: text(), name: text(), mediaType: text(), size: { type: 'integer', minimum: 1 }, authorId: text(), authorRole: actorRole, uploadedAt: instant(),
  }),
];


