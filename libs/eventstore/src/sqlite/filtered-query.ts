import type { SubscriptionFilter } from '../event-store.js';
import { EVENT_COLUMNS } from './schema.js';

export interface FilteredQuery {
  /** Parameters: the position to read after, then `params`, then the page size. */
  readonly sql: string;
  readonly params: readonly string[];
}

/** The page query of `readAll` and of subscriptions: events after a position, narrowed by a filter in SQL. */
export const filteredAfter = (filter: SubscriptionFilter | undefined): FilteredQuery => {
  const conditions = ['position > ?'];
  const categories = filter?.streamCategories ?? [];
  const types = filter?.eventTypes ?? [];
  if (categories.length > 0) conditions.push(`category IN (${categories.map(() => '?').join(', ')})`);
  if (types.length > 0) conditions.push(`type IN (${types.map(() => '?').join(', ')})`);
  return {
    sql: `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY position LIMIT ?`,
    params: [...categories, ...types],
  };
};
