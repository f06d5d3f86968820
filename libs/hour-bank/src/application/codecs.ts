import { EventCodec } from '#eventstore';
import { accountEventNames } from '../domain/account/account-events.js';
import { calendarAdminEventNames } from '../domain/calendar-admin/calendar-admin.events.js';
import { planCatalogEventNames } from '../domain/plans/plan-catalog.js';

export const accountCodec = new EventCodec(accountEventNames);
export const calendarAdminCodec = new EventCodec(calendarAdminEventNames);
export const planCatalogCodec = new EventCodec(planCatalogEventNames);
/** Every event the hour-bank context writes, for readers of the whole log. */
export const hourBankCodec = EventCodec.merge(accountCodec, calendarAdminCodec, planCatalogCodec);
