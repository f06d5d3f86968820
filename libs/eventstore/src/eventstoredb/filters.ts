import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import type { SubscriptionFilter } from '../event-store.js';
import { streamCategory } from '../event-store.js';

/** Streams and event types whose names start with `$` belong to the server (metadata, links, statistics). */
export const isSystemName = (name: string): boolean => name.startsWith('$');

export function isSystemEvent(event: { readonly stream: string; readonly type: string }): boolean {
  return isSystemName(event.stream) || isSystemName(event.type);
}

/**
 * The server takes one filter, on stream names or on event types: categories are preferred (they cut
 * the most), and `matchesFilter` still checks everything on the client, so the server filter only narrows.
 * A category matches `<category>-…` and, as `streamCategory` defines it, a stream named just `<category>`.
 */
export function serverFilter(filter: SubscriptionFilter | undefined): Filter {
  const categories = filter?.streamCategories ?? [];
  const types = filter?.eventTypes ?? [];
  if (categories.length > 0) {
    return streamNameFilter({ regex: `^(?:${categories.map(escapeRegex).join('|')})(?:-|$)` });
  }
  if (types.length > 0) return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

export function matchesFilter(
  event: { readonly stream: string; readonly type: string },
  filter: SubscriptionFilter | undefined,
): boolean {
  if (isSystemEvent(event)) return false;
  const categories = filter?.streamCategories ?? [];
  const types = filter?.eventTypes ?? [];
  if (categories.length > 0 && !categories.includes(streamCategory(event.stream))) return false;
  return types.length === 0 || types.includes(event.type);
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
