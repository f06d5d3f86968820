import type { EventContract } from './event-contract.js';
import { pick, withAccount } from './event-contract.js';
import { boolean, instant, list, minutes, object, oneOfValues, period, plainDate, text, type JsonSchema } from './json-schema.js';

const window = object({ start: { type: 'string', pattern: '^\\d{2}:\\d{2}$' }, end: { type: 'string', pattern: '^\\d{2}:\\d{2}$' } });
const weeklyHours: JsonSchema = {
  type: 'object',
  propertyNames: { enum: ['1', '2', '3', '4', '5', '6', '7'] },
  additionalProperties: list(window),
  description: 'Working windows by ISO weekday (1 = Monday), half-open [start, end)',
};
const holiday = object({ date: plainDate, name: text() });
const calendarOptions = {
  calendarId: text(), timeZone: text(), weeklyHours, brazilNationalHolidays: boolean, carnival: boolean, corpusChristi: boolean,
};
type Payload = Readonly<Record<string, any>>;

const staff = (type: string, title: string, summary: string, data: Record<string, JsonSchema>): EventContract => ({
  type, title, summary, audience: 'staff', data: object(data),
  toPublic: (payload: Payload) => pick(payload, ...Object.keys(data)),
});

/** Back-office configuration: staff see it on the feed, clients do not. */
export const adminContracts: readonly EventContract[] = [
  staff('hourbank.calendar.defined.v1', 'Calendar defined', 'A business calendar was defined or replaced',
    { ...calendarOptions, holidays: list(holiday), definedAt: instant() }),
  staff('hourbank.calendar.holiday-added.v1', 'Holiday added', 'A local holiday or closure was added',
    { calendarId: text(), date: plainDate, name: text(), addedAt: instant() }),
  staff('hourbank.calendar.holiday-removed.v1', 'Holiday removed', 'A hand-added holiday was removed', { calendarId: text(), date: plainDate, removedAt: instant() }),
  staff('hourbank.calendar.options-changed.v1', 'Calendar options changed', "A calendar's zone, hours or holiday options changed",
    { ...calendarOptions, changedAt: instant() }),
  staff('hourbank.plan-catalog.plan-revised.v1', 'Plan revised', 'A plan of the catalog got new terms (existing accounts keep theirs)', {
    code: oneOfValues(['START', 'BASIC', 'ADVANCED', 'CUSTOM']), monthlyMinutes: minutes(), firstResponseBusinessMinutes: minutes(),
    extras: list(oneOfValues(['whatsapp-group', 'emergency-whatsapp-group', 'account-manager'])), catalogVersion: { type: 'integer', minimum: 1 }, revisedAt: instant(),
  }),
  staff('hourbank.ticket-number.assigned.v1', 'Ticket number assigned', "The installation's sequence gave the next number to a ticket (the ticket then records it as ticket.numbered)",
    { ticketId: text(), number: { type: 'integer', minimum: 1 } }),
];

const formatHash = (format: string) => text(`sha-256 of the ${format} document as issued`);

/** A report issue: v1 (content hash and log position), v2 (also each document's hash and the log chain head it was built on). */
export const reportContracts: readonly EventContract[] = [{
  type: 'hourbank.report.issued.v1',
  title: 'Monthly report issued (v1)',
  summary: "An account's monthly report was issued to the client, with its content hash and log position",
  audience: 'account',
  data: object({ accountId: text(), period, contentHash: text('sha-256 of the issued content'), position: { type: 'integer', minimum: 0 }, issuedAt: instant() }),
  toPublic: (payload: Payload, context) => ({ accountId: withAccount(context, payload), ...pick(payload, 'period', 'contentHash', 'position', 'issuedAt') }),
}, {
  type: 'hourbank.report.issued.v2',
  title: 'Monthly report issued',
  summary: "An account's monthly report was issued: the hash of its figures and of each document (PDF, CSV, JSON, HTML), the log position and the chain head it was built on",
  audience: 'account',
  data: object({
    accountId: text(), period, contentHash: text('sha-256 of the canonical JSON of the figures'), position: { type: 'integer', minimum: 0 },
    chainHead: { anyOf: [text('the global chain head of the log at that position'), { type: 'null' }] },
    formatHashes: object({ json: formatHash('JSON'), csv: formatHash('CSV'), 'csv-summary': formatHash('summary CSV'), html: formatHash('HTML'), pdf: formatHash('PDF') }),
    issuedAt: instant(),
  }),
  toPublic: (payload: Payload, context) => ({
    accountId: withAccount(context, payload), ...pick(payload, 'period', 'contentHash', 'position', 'formatHashes', 'issuedAt'),
    chainHead: (payload.chain as { head?: string } | null)?.head ?? null,
  }),
}];
