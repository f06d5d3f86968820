import { expect } from 'chai';
import type { ApiHarness } from './harness.js';
import type { HttpClient, HttpResult } from './http-client.js';

/** The cast of the domain e2e specs: staff, and two clients of two different accounts. */
export interface Cast {
  readonly manager: HttpClient;
  readonly agent: HttpClient;
  readonly auditor: HttpClient;
  readonly accountA: string;
  readonly accountB: string;
  readonly clientA: HttpClient;
  readonly clientB: HttpClient;
}

export const created = <T = any>(result: HttpResult<T>): T => {
  expect(result.status, result.text).to.be.oneOf([200, 201]);
  return result.body;
};

export async function openAccount(manager: HttpClient, body: Record<string, unknown> = {}): Promise<string> {
  const result = await manager.post('/accounts', {
    clientName: 'Padaria Pão Quente', plan: 'START', firstPeriod: '2026-01', overageRateCentsPerHour: 15000, ...body,
  });
  return created(result).id;
}

export interface CastOptions {
  /** Moves the test clock here before anything is written. */
  readonly now?: string;
  /** The accounts' first period (default 2026-01, whose missed credits the scheduler catches up in the background). */
  readonly firstPeriod?: string;
}

export async function castOf(api: ApiHarness, options: CastOptions = {}): Promise<Cast> {
  const manager = await api.as('manager', { sub: 'manager-1' });
  if (options.now) created(await manager.post('/admin/clock', { now: options.now }));
  const terms = options.firstPeriod ? { firstPeriod: options.firstPeriod } : {};
  const accountA = await openAccount(manager, { clientName: 'Client A', ...terms });
  const accountB = await openAccount(manager, { clientName: 'Client B', ...terms });
  return {
    manager,
    agent: await api.as('agent', { sub: 'agent-1' }),
    auditor: await api.as('auditor', { sub: 'auditor-1' }),
    accountA,
    accountB,
    clientA: await api.as('client', { sub: 'client-a', accounts: [accountA] }),
    clientB: await api.as('client', { sub: 'client-b', accounts: [accountB] }),
  };
}

/**
 * Waits until every projection and reactor has read the whole log and fires what is due now, until nothing
 * more happens: afterwards the log only grows by what the test itself sends.
 */
export async function settle(manager: HttpClient): Promise<void> {
  const result = await manager.post('/admin/scheduler/tick');
  expect(result.status, result.text).to.equal(200);
}

export const ticketBody = (accountId: string, extra: Record<string, unknown> = {}) => ({
  accountId, title: 'Relatório de vendas não abre', description: 'Desde segunda o relatório mensal dá erro.', category: 'support', ...extra,
});

/** Opens a ticket and waits for its number (which the numbering reactor adds moments later), so its stream then holds still. */
export async function openTicket(client: HttpClient, accountId: string): Promise<string> {
  const id = created(await client.post('/tickets', ticketBody(accountId))).id;
  await numbered(client, id);
  return id;
}

export async function historyLength(reader: HttpClient, path: string): Promise<number> {
  const result = await reader.get(`${path}?limit=500`);
  expect(result.status, result.text).to.equal(200);
  return result.body.events.length;
}

export const types = (result: HttpResult<any>): string[] => (result.body.events as { type: string }[]).map((e) => e.type);

/**
 * Waits until the numbering reactor has given the ticket its human number, and returns it. The reactor runs behind
 * the request that opened the ticket: on a loaded 2-core CI box it can take seconds, so the wait is for the number
 * itself, with a ceiling that only a reactor that stopped reaches (a quiet box numbers within milliseconds).
 */
export async function numbered(reader: HttpClient, ticketId: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ticket = await reader.get(`/tickets/${ticketId}`);
    if (typeof ticket.body.number === 'number') return ticket.body.number;
    if (Date.now() > deadline) throw new Error(`Ticket ${ticketId} got no number within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
