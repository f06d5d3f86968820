import { EventCodec, type Upcaster } from '#eventstore';
import { type AccountEvent, accountEventNames } from '../domain/account/account-events.js';
import { calendarAdminEventNames } from '../domain/calendar-admin/calendar-admin.events.js';
import { planCatalogEventNames } from '../domain/plans/plan-catalog.js';

/** Stored names before a new version: the codec upcasts them on read. */
export const accountEventUpcasters: readonly Upcaster[] = [
  { from: 'hourbank.account.opened.v1', to: 'hourbank.account.opened.v2', upcast: (data) => ({ kind: 'plan', ...(data as object) }) },
  { from: 'hourbank.account.package-purchased.v1', to: 'hourbank.account.package-purchased.v2', upcast: (data) => data },
];

export const accountCodec = new EventCodec(accountEventNames, accountEventUpcasters);
export const calendarAdminCodec = new EventCodec(calendarAdminEventNames);
export const planCatalogCodec = new EventCodec(planCatalogEventNames);
/** Every event the hour-bank context writes, for readers of the whole log. */
export const hourBankCodec = EventCodec.merge(accountCodec, calendarAdminCodec, planCatalogCodec);

/** The stored names an account event type has had (current and older ones the codec upcasts), for consumers' filters. */
export const storedAccountNames = (types: readonly AccountEvent['type'][]): string[] => {
  const current = types.map((type) => accountEventNames[type]);
  return [...current, ...accountEventUpcasters.filter((upcaster) => current.includes(upcaster.to)).map((upcaster) => upcaster.from)];
};
