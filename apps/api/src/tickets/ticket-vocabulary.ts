import { executors, outOfScopeReasons, ticketCategories, ticketPriorities, timeActivities, type TicketCategory, type TimeActivity } from '#ticketing';

export const TICKET_CATEGORIES = ticketCategories;
export type TicketCategoryName = TicketCategory;
export const TIME_ACTIVITIES = timeActivities;
export type TimeActivityName = TimeActivity;
export const TICKET_STATUSES = [
  'open', 'awaitingClarification', 'awaitingApproval', 'rejected', 'inProgress', 'delivered', 'closed', 'cancelled', 'escalated',
] as const;
export const TICKET_PRIORITIES = ticketPriorities;
export const EXECUTORS = executors;
export const OUT_OF_SCOPE_REASONS = outOfScopeReasons;
