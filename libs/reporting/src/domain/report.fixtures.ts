import type { ReportEvent } from './report-facts.js';

/** A START account of São Paulo (UTC−3 all year), worked by hand for the report specs. */
const plan = { code: 'START', monthlyMinutes: 180, firstResponseBusinessMinutes: 240, catalogVersion: 1 };
const ev = (type: string, data: Record<string, unknown>): ReportEvent => ({ type, data });

const credit = (period: string, expiresAt: string): ReportEvent =>
  ev('MonthlyPlanCredited', { period, lotId: `plan-${period}`, minutes: 180, plan, creditedAt: `${period}-01T03:00:00Z`, expiresAt });

const debit = (ticketId: string, at: string, period: string, minutes: number, paidBy: [string, number][]) => {
  const covered = paidBy.reduce((sum, [, m]) => sum + m, 0);
  return ev('TicketDebited', {
    ticketId, minutes, covered, shortfall: minutes - covered, period, debitedAt: at,
    paidBy: paidBy.map(([lotId, m]) => ({ lotId, minutes: m })),
  });
};

export const accountEvents: ReportEvent[] = [
  ev('AccountOpened', {
    accountId: 'acme', clientName: 'Acme Comércio Ltda', plan, firstPeriod: '2026-01', timeZone: 'America/Sao_Paulo',
    calendarId: 'sp', overageRateCentsPerHour: 15030, openedAt: '2025-12-15T12:00:00Z',
  }),
  credit('2026-01', '2027-01-01T03:00:00Z'),
  debit('t0', '2026-01-20T15:00:00Z', '2026-01', 100, [['plan-2026-01', 100]]),
  credit('2026-02', '2027-02-01T03:00:00Z'),
  debit('t0b', '2026-02-20T15:00:00Z', '2026-02', 180, [['plan-2026-02', 180]]),
  credit('2026-03', '2027-03-01T03:00:00Z'),
  credit('2026-12', '2027-12-01T03:00:00Z'),
  ev('LotExpired', { lotId: 'plan-2026-01', minutes: 80, expiredAt: '2027-01-01T03:00:00Z', period: '2027-01' }),
  credit('2027-01', '2028-01-01T03:00:00Z'),
  ev('PackagePurchased', {
    packageId: 'pkg-1', lotId: 'package-pkg-1', minutes: 120, period: '2027-01', purchasedAt: '2027-01-04T13:00:00Z', expiresAt: '2028-01-01T03:00:00Z',
  }),
  ev('AdjustmentCredited', {
    adjustmentId: 'adj-1', lotId: 'adjustment-adj-1', minutes: 30, reason: 'Bônus de boas-vindas', period: '2027-01',
    adjustedAt: '2027-01-04T14:00:00Z', expiresAt: '2028-01-01T03:00:00Z',
  }),
  ev('AdjustmentDebited', {
    adjustmentId: 'adj-2', minutes: 45, reason: 'Estorno de lançamento duplicado', period: '2027-01', adjustedAt: '2027-01-05T14:00:00Z',
    paidBy: [{ lotId: 'plan-2026-03', minutes: 45 }],
  }),
  debit('t1', '2027-01-10T12:00:01Z', '2027-01', 130, [['plan-2026-03', 130]]),
  debit('t2', '2027-01-20T12:00:01Z', '2027-01', 540, [
    ['plan-2026-03', 5], ['plan-2026-12', 180], ['plan-2027-01', 180], ['package-pkg-1', 120], ['adjustment-adj-1', 30],
  ]),
];

const opened = (ticketId: string, title: string, openedAt: string) => ev('TicketOpened', {
  ticketId, accountId: 'acme', title, description: '', category: 'support', participants: [], firstResponseBusinessMinutes: 240,
  openedBy: 'client', openedAt,
});
const estimated = (ticketId: string, estimatedAt: string) => ev('TicketEstimated', {
  ticketId, accountId: 'acme', estimatedMinutes: 120, expectedDeliveryAt: '2027-01-29T20:00:00Z', availableMinutes: 0, approvalRequired: false, estimatedAt,
});
const logged = (ticketId: string, entryId: string, minutes: number, activity: string) => ev('TimeLogged', {
  ticketId, entryId, minutes, activity, performedOn: '2027-01-06', note: '', loggedAt: '2027-01-06T15:00:00Z',
});
const closed = (ticketId: string, closedAt: string, loggedMinutes: number, minutesByActivity: Record<string, number>) =>
  ev('TicketClosed', { ticketId, accountId: 'acme', loggedMinutes, minutesByActivity, how: 'accepted', closedAt });

export const ticketOne: ReportEvent[] = [
  opened('t1', 'Relatório de vendas não abre', '2027-01-05T12:00:00Z'),
  ev('TicketNumbered', { ticketId: 't1', number: 1041 }),
  estimated('t1', '2027-01-05T13:00:00Z'),
  logged('t1', 'e1', 90, 'development'), logged('t1', 'e2', 30, 'meeting'), logged('t1', 'e3', 20, 'test'),
  ev('TimeEntryCorrected', { ticketId: 't1', correctionId: 'c1', entryId: 'e1', minutesDelta: -10, reason: 'lançado em dobro', correctedAt: '2027-01-07T12:00:00Z' }),
  ev('TicketDelivered', { ticketId: 't1', summary: 'ok', deliveredAt: '2027-01-08T15:00:00Z' }),
  closed('t1', '2027-01-10T12:00:00Z', 130, { development: 80, meeting: 30, test: 20 }),
];

export const ticketTwo: ReportEvent[] = [
  opened('t2', 'Integração com o ERP', '2027-01-12T12:00:00Z'),
  ev('TicketNumbered', { ticketId: 't2', number: 1042 }),
  ev('SlaBreached', { ticketId: 't2', kind: 'firstResponse', dueAt: '2027-01-12T19:00:00Z' }),
  estimated('t2', '2027-01-13T12:00:00Z'),
  logged('t2', 'e4', 360, 'investigation'), logged('t2', 'e5', 180, 'analysis'),
  ev('TicketDelivered', { ticketId: 't2', summary: 'ok', deliveredAt: '2027-01-19T12:00:00Z' }),
  closed('t2', '2027-01-20T12:00:00Z', 540, { analysis: 180, investigation: 360 }),
];

export const ticketThree: ReportEvent[] = [
  opened('t3', 'Treinamento da equipe', '2026-12-28T12:00:00Z'),
  ev('ClarificationRequested', { ticketId: 't3', question: 'Quantas pessoas?', requestedAt: '2026-12-28T13:00:00Z' }),
  estimated('t3', '2027-01-04T12:00:00Z'),
  ev('SlaBreached', { ticketId: 't3', kind: 'deliveryPromise', dueAt: '2027-01-15T21:00:00Z' }),
];

export const tickets = [ticketOne, ticketTwo, ticketThree];

const by = (type: string, data: Record<string, unknown>, actor: string): ReportEvent => ({ type, data, actor });

/** The fixture's January, with priced packages, overrun requests on two tickets and the alerts of the month. */
const priced = accountEvents.map((e) => (e.type === 'PackagePurchased' ? ev(e.type, { ...(e.data as object), priceCents: 150000 }) : e));
export const agencyAccount: ReportEvent[] = [
  ...priced,
  ev('PackagePurchased', {
    packageId: 'pkg-2', lotId: 'package-pkg-2', minutes: 60, period: '2027-01', purchasedAt: '2027-01-25T13:00:00Z', expiresAt: '2028-01-01T03:00:00Z',
  }),
  ev('LotExpiringSoonAlerted', { lotId: 'plan-2026-03', minutes: 50, expiresAt: '2027-03-01T03:00:00Z', alertedAt: '2027-01-30T03:00:00Z' }),
  ev('LowBalanceAlerted', { balanceMinutes: 0, thresholdMinutes: 60, alertedAt: '2027-01-20T12:00:01Z' }),
  ev('ShortfallAlerted', { period: '2027-01', shortfallMinutes: 25, rateCentsPerHour: 15030, estimatedAmountCents: 6263, alertedAt: '2027-01-20T12:00:01Z' }),
  // December's alert is December's, not January's.
  ev('LowBalanceAlerted', { balanceMinutes: 20, thresholdMinutes: 60, alertedAt: '2026-12-30T12:00:00Z' }),
];
const overrun = (ticketId: string, requestedAt: string, additionalMinutes: number, previous: number) => ev('OverrunApprovalRequested', {
  ticketId, accountId: 'acme', additionalMinutes, previousEstimatedMinutes: previous, estimatedMinutes: previous + additionalMinutes,
  reason: 'O ERP tem mais tabelas', availableMinutes: 500, requestedAt,
});
export const agencyTicketTwo: ReportEvent[] = [
  ...ticketTwo.slice(0, -3),
  overrun('t2', '2027-01-14T12:00:00Z', 60, 120),
  by('OverrunApproved', { ticketId: 't2', accountId: 'acme', estimatedMinutes: 180, approvedBy: 'client', approvedAt: '2027-01-14T15:00:00Z' }, 'maria'),
  overrun('t2', '2027-01-16T12:00:00Z', 400, 180),
  by('OverrunApproved', { ticketId: 't2', accountId: 'acme', estimatedMinutes: 580, approvedBy: 'manager', approvedAt: '2027-01-16T13:00:00Z' }, 'gestor-ana'),
  ev('SlaAtRisk', { ticketId: 't2', kind: 'deliveryPromise', dueAt: '2027-01-19T20:00:00Z', atRiskAt: '2027-01-19T11:00:00Z' }),
  ...ticketTwo.slice(-3),
];
export const agencyTicketThree: ReportEvent[] = [
  ...ticketThree,
  overrun('t3', '2027-01-28T12:00:00Z', 30, 120),
  by('OverrunRejected', { ticketId: 't3', accountId: 'acme', estimatedMinutes: 120, reason: 'Sem verba', rejectedBy: 'client', rejectedAt: '2027-01-29T12:00:00Z' }, 'maria'),
  overrun('t3', '2027-01-31T12:00:00Z', 20, 120),
  // Decided in February: pending in January's report.
  by('OverrunApproved', { ticketId: 't3', accountId: 'acme', estimatedMinutes: 140, approvedBy: 'client', approvedAt: '2027-02-01T12:00:00Z' }, 'maria'),
];
