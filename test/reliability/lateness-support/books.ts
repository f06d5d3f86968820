import type { EventStore } from '#eventstore';
import type { HttpClient } from '../../e2e/support/http-client.js';

/** Fields that say when a process handled a fact, not when it took effect: left out of the business content. */
const processingFields: Readonly<Record<string, readonly string[]>> = {
  'hourbank.account.ticket-debited.v1': ['debitedAt'],
  'hourbank.account.estimate-gated.v1': ['ticketRevision'],
};

const businessOf = (type: string, data: unknown) => {
  const content = { ...(data as Record<string, unknown>) };
  for (const field of processingFields[type] ?? []) delete content[field];
  return { type, data: content };
};

/** A stream's events as the business sees them: type and payload, in stream order (metadata left out). */
export async function streamContent(store: EventStore, stream: string) {
  const events: { type: string; data: unknown }[] = [];
  for await (const recorded of store.readStream(stream)) events.push(businessOf(recorded.type, recorded.data));
  return events;
}

const periodsFrom = (first: string, last: string): string[] => {
  const periods: string[] = [];
  for (let [year, month] = first.split('-').map(Number) as [number, number]; `${year}-${String(month).padStart(2, '0')}` <= last; ) {
    periods.push(`${year}-${String(month).padStart(2, '0')}`);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
  return periods;
};

/** The books of one run: the account's ledger, each ticket's history, the invoices and every monthly JSON report. */
export async function booksOf(store: EventStore, reader: HttpClient, accountId: string, tickets: readonly string[], periods: readonly [string, string]) {
  const ledger = await streamContent(store, `account-${accountId}`);
  const histories = await Promise.all(tickets.map((ticket) => streamContent(store, `ticket-${ticket}`)));
  const reports: Record<string, unknown> = {};
  for (const period of periodsFrom(...periods)) {
    const report = await reader.get(`/accounts/${accountId}/reports/${period}?format=json`);
    // The figures; the document's frame (the log position and chain head it was built at) differs by construction.
    const { document: _frame, ...figures } = report.status === 200 ? report.body : { status: report.status, code: report.body.code };
    reports[period] = figures;
  }
  const invoices = ledger.filter((event) => event.type === 'hourbank.account.overage-invoiced.v1');
  return { ledger, histories, invoices, reports };
}
