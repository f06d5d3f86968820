import { useQuery } from '@tanstack/react-query';
import { get, query } from './client';
import type { Account, ApiKey, PlanCatalog, BalanceListItem, Calendar, ConsumerStatus, ConversationEntry, DirectoryUser, HistoryPage, Person, QueueItem, Ticket, TicketListItem } from './types';

/** Query keys: the first element names what a feed event can change (see live-updates.ts). */
export const keys = {
  queue: (filter: object) => ['tickets', 'queue', filter] as const,
  tickets: (filter: object) => ['tickets', 'list', filter] as const,
  ticket: (id: string) => ['tickets', 'one', id] as const,
  ticketHistory: (id: string) => ['tickets', 'history', id] as const,
  account: (id: string) => ['accounts', 'one', id] as const,
  accounts: () => ['accounts', 'list'] as const,
  ledger: (id: string) => ['accounts', 'ledger', id] as const,
  users: () => ['users'] as const,
  people: () => ['people'] as const,
  apiKeys: () => ['api-keys'] as const,
  calendar: (id: string, year: number) => ['calendars', id, year] as const,
  projections: () => ['operations'] as const,
  stream: (name: string) => ['streams', name] as const,
  plans: (period: string) => ['plans', period] as const,
};

export const useQueue = (filter: { status?: string; accountId?: string; category?: string; assignee?: string; priority?: string; order?: string }) =>
  useQuery({ queryKey: keys.queue(filter), queryFn: () => get<{ asOf: string; items: QueueItem[] }>(`/queue${query(filter)}`) });

export const useTickets = (filter: { status?: string; accountId?: string }) =>
  useQuery({ queryKey: keys.tickets(filter), queryFn: () => get<{ items: TicketListItem[]; total: number }>(`/tickets${query({ ...filter, size: 100 })}`) });

export const useConversation = (id: string) =>
  useQuery({ queryKey: [...keys.ticket(id), 'conversation'], queryFn: () => get<{ events: ConversationEntry[] }>(`/tickets/${id}/conversation`) });

export const useTicket = (id: string) => useQuery({ queryKey: keys.ticket(id), queryFn: () => get<Ticket>(`/tickets/${id}`) });

export const useTicketHistory = (id: string) =>
  useQuery({ queryKey: keys.ticketHistory(id), queryFn: () => get<HistoryPage>(`/tickets/${id}/history?limit=500`) });

export const useAccount = (id: string | undefined) =>
  useQuery({ queryKey: keys.account(id ?? ''), queryFn: () => get<Account>(`/accounts/${id}`), enabled: id !== undefined && id !== '' });

export const useAccounts = () =>
  useQuery({ queryKey: keys.accounts(), queryFn: () => get<{ items: BalanceListItem[] }>('/balances?size=100') });

export const useLedger = (id: string) => useQuery({ queryKey: keys.ledger(id), queryFn: () => get<HistoryPage>(`/accounts/${id}/ledger?limit=500`) });

export const useUsers = (enabled = true) => useQuery({ queryKey: keys.users(), queryFn: () => get<{ items: DirectoryUser[] }>('/users'), enabled });

export const usePeople = () => useQuery({ queryKey: keys.people(), queryFn: () => get<{ items: Person[] }>('/people'), staleTime: 30_000 });

export const useApiKeys = () => useQuery({ queryKey: keys.apiKeys(), queryFn: () => get<{ items: ApiKey[] }>('/api-keys') });

export const useCalendar = (id: string, year: number) =>
  useQuery({ queryKey: keys.calendar(id, year), queryFn: () => get<Calendar>(`/calendars/${id}?year=${year}`) });

export const useProjections = () =>
  useQuery({ queryKey: keys.projections(), queryFn: () => get<{ headPosition: number; consumers: ConsumerStatus[] }>('/admin/projections'), refetchInterval: 3000 });

export const usePlans = (period: string) => useQuery({ queryKey: keys.plans(period), queryFn: () => get<PlanCatalog>(`/plans${query({ period })}`) });

/** Staff who may be an assignee or an account manager (agents and managers), from the people directory. */
export const useStaff = () => {
  const people = usePeople();
  return (people.data?.items ?? []).filter((person) => person.role === 'agent' || person.role === 'manager');
};

export const useStream = (name: string) =>
  useQuery({ queryKey: keys.stream(name), queryFn: () => get<HistoryPage>(`/streams/${encodeURIComponent(name)}/history?limit=500`), enabled: name !== '' });

/** Names for actor ids ("who" in timelines): the people directory, plus "Sistema". */
export const usePersonName = () => {
  const people = usePeople();
  const names = new Map((people.data?.items ?? []).map((p) => [p.id, p.name]));
  return (actor: string) => names.get(actor) ?? (actor === 'system' ? 'Sistema' : actor === 'anonymous' ? 'Anônimo' : actor);
};

/** Client names by account id, for lists (staff read every account; a client its own). */
export const useAccountNames = () => {
  const accounts = useAccounts();
  const names = new Map((accounts.data?.items ?? []).map((a) => [a.accountId, a.clientName]));
  return { names: (id: string) => names.get(id) ?? id, accounts: accounts.data?.items ?? [] };
};
