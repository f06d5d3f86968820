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

export async function castOf(api: ApiHarness): Promise<Cast> {
  const manager = await api.as('manager', { sub: 'manager-1' });
  const accountA = await openAccount(manager, { clientName: 'Client A' });
  const accountB = await openAccount(manager, { clientName: 'Client B' });
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

export const ticketBody = (accountId: string, extra: Record<string, unknown> = {}) => ({
  accountId, title: 'Relatório de vendas não abre', description: 'Desde segunda o relatório mensal dá erro.', category: 'support', ...extra,
});

export async function openTicket(client: HttpClient, accountId: string): Promise<string> {
  return created(await client.post('/tickets', ticketBody(accountId))).id;
}

export async function historyLength(reader: HttpClient, path: string): Promise<number> {
  const result = await reader.get(`${path}?limit=500`);
  expect(result.status, result.text).to.equal(200);
  return result.body.events.length;
}

export const types = (result: HttpResult<any>): string[] => (result.body.events as { type: string }[]).map((e) => e.type);
