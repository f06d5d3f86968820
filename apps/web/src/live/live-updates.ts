import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

/**
 * Follows the API's event feed (server-sent events, with the session cookie) from the log's current end and marks
 * what each event can change as stale, so open pages refresh themselves: the queue, tickets, accounts.
 */
export function useLiveUpdates(enabled: boolean): boolean {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = (type: string) => {
      if (type.startsWith('hourbank.ticket.')) void client.invalidateQueries({ queryKey: ['tickets'] });
      if (type.startsWith('hourbank.account.') || type.startsWith('hourbank.ticket.closed') || type.includes('estimate')) {
        void client.invalidateQueries({ queryKey: ['accounts'] });
      }
      if (type.startsWith('hourbank.plan-catalog.')) void client.invalidateQueries({ queryKey: ['plans'] });
      if (type.startsWith('hourbank.calendar.')) void client.invalidateQueries({ queryKey: ['calendars'] });
    };
    void fetch('/health', { credentials: 'same-origin' }).then((r) => r.json()).then((health: { store?: { headPosition?: number } }) => {
      if (cancelled) return;
      source = new EventSource(`/feed/stream?after=${health.store?.headPosition ?? 0}`);
      source.onopen = () => setConnected(true);
      source.onerror = () => setConnected(false);
      source.onmessage = (message) => {
        const { type } = JSON.parse(message.data) as { type: string };
        clearTimeout(timer);
        timer = setTimeout(() => refresh(type), 50);
        refresh(type);
      };
    }).catch(() => setConnected(false));
    return () => {
      cancelled = true;
      clearTimeout(timer);
      source?.close();
      setConnected(false);
    };
  }, [enabled, client]);
  return connected;
}
