import type { EventContract, PublicContext } from './event-contract.js';
import { pick, withAccount } from './event-contract.js';
import { cents, freeText, instant, list, minutes, object, oneOfValues, plainDate, signedMinutes, text, type JsonSchema } from './json-schema.js';

/** Categories may grow within a version (a consumer treats one it does not know as a general demand). */
const CATEGORIES = ['support', 'consulting', 'meeting', 'training', 'investigation', 'technical_execution', 'technical_follow_up', 'recurring_maintenance'];
const ACTIVITIES = ['development', 'meeting', 'investigation', 'analysis', 'test', 'training', 'other'];
export const actorRole = oneOfValues(['client', 'agent', 'manager', 'system'], 'The role of who did it');
export const ids = { ticketId: text('The ticket'), accountId: text("The ticket's account (hour bank)") };
const minutesByActivity: JsonSchema = {
  type: 'object',
  propertyNames: { enum: ACTIVITIES },
  additionalProperties: minutes(),
  description: 'Logged minutes by activity (after corrections)',
};
const timeSpent = { loggedMinutes: minutes('All minutes logged, to be debited'), minutesByActivity };
type Payload = Readonly<Record<string, any>>;

export function contract(type: string, title: string, summary: string, data: Record<string, JsonSchema>, optional: string[] = []): EventContract {
  const fields = Object.keys(data);
  return {
    type, title, summary, audience: 'account',
    data: object({ ...ids, ...data }, optional),
    toPublic: (payload: Payload, context: PublicContext) => ({ ...pick(payload, 'ticketId'), accountId: withAccount(context, payload), ...pick(payload, ...fields) }),
  };
}

/**
 * Ticket events as downstream sees them: every one names its account (resolved by the feed when the
 * stored payload does not carry it); the balance snapshot an estimate was decided on stays internal.
 */
export const ticketContracts: readonly EventContract[] = [
  contract('hourbank.ticket.opened.v1', 'Ticket opened', 'A demand was opened; the first-response SLA starts', {
    title: text(), description: freeText(), category: oneOfValues(CATEGORIES), participants: list(text()),
    firstResponseBusinessMinutes: minutes('First-response target in business minutes'), openedBy: actorRole, openedAt: instant(),
  }),
  contract('hourbank.ticket.clarification-requested.v1', 'Clarification requested', 'An agent asked the client a question; the ticket waits for the client',
    { question: text(), requestedAt: instant() }),
  contract('hourbank.ticket.clarification-provided.v1', 'Clarification provided', 'The client answered', { answer: text(), providedAt: instant() }),
  contract('hourbank.ticket.estimated.v1', 'Ticket estimated', 'An agent estimated the work; with approvalRequired the estimate awaits the client\'s approval', {
    estimatedMinutes: minutes(), expectedDeliveryAt: instant(), approvalRequired: { type: 'boolean', description: 'The estimate exceeds the available minutes: awaiting approval' }, estimatedAt: instant(),
  }),
  contract('hourbank.ticket.estimate-approved.v1', 'Estimate approved', 'The estimate awaiting approval was approved; work is authorized',
    { estimatedMinutes: minutes(), approvedBy: actorRole, approvedAt: instant() }),
  contract('hourbank.ticket.estimate-rejected.v1', 'Estimate rejected', 'The estimate awaiting approval was rejected',
    { reason: freeText(), rejectedBy: actorRole, rejectedAt: instant() }),
  contract('hourbank.ticket.time-logged.v1', 'Time logged', 'An agent logged time on the ticket', {
    entryId: text(), minutes: { type: 'integer', minimum: 1 }, activity: oneOfValues(ACTIVITIES), performedOn: plainDate, note: freeText(), loggedAt: instant(),
  }),
  contract('hourbank.ticket.time-entry-corrected.v1', 'Time entry corrected', 'A correcting entry changed the minutes of an earlier entry', {
    correctionId: text(), entryId: text(), minutesDelta: signedMinutes('Minutes added (positive) or removed (negative)'), reason: text(), correctedAt: instant(),
  }),
  contract('hourbank.ticket.delivered.v1', 'Ticket delivered', 'The work was delivered; the client accepts or asks for a revision', { summary: text(), deliveredAt: instant() }),
  contract('hourbank.ticket.revision-requested.v1', 'Revision requested', 'The client sent the delivery back to work', { reason: text(), requestedAt: instant() }),
  contract('hourbank.ticket.closed.v1', 'Ticket closed', 'Closed on acceptance or automatically after the silent period; its time is debited',
    { ...timeSpent, how: oneOfValues(['accepted', 'autoClosed']), closedAt: instant() }),
  contract('hourbank.ticket.cancelled.v1', 'Ticket cancelled', 'Cancelled with a reason; any logged time is debited',
    { ...timeSpent, reason: freeText(), cancelledBy: actorRole, cancelledAt: instant() }),
  contract('hourbank.ticket.escalated.v1', 'Ticket escalated', 'Escalated to a project: the ticket closes and Customer Success makes an offer',
    { ...timeSpent, reason: freeText(), escalatedAt: instant() }),
  contract('hourbank.ticket.project-offer-recorded.v1', 'Project offered', 'Customer Success recorded the project offer for an escalated ticket',
    { expectedMinutes: minutes(), priceCents: cents(), recordedAt: instant() }),
  contract('hourbank.ticket.sla-breached.v1', 'SLA breached', 'A first-response or delivery promise passed unmet; dueAt is when it was broken', {
    kind: oneOfValues(['firstResponse', 'deliveryPromise']), dueAt: instant(),
  }),
  contract('hourbank.ticket.numbered.v1', 'Ticket numbered', 'The ticket got its human number (#1042): unique and without gaps in the installation, moments after opening',
    { number: { type: 'integer', minimum: 1, description: 'Shown as #number' } }),
];
