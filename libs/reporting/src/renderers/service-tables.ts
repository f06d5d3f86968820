import type { AlertKind, AlertLine, MonthlyReport, OverrunLine, OverrunStatus } from '../domain/monthly-report.js';
import { brl, date, dateTime, hhmm } from './format.js';
import { slaKindLabel, ticketRef, validity } from './labels.js';
import type { ReportTable } from './report-tables.js';

const H = 'Horas (h:mm)';

export const alertKindLabel = (kind: AlertKind): string => ({
  lowBalance: 'Saldo baixo', lotExpiringSoon: 'Lote perto do vencimento', shortfall: 'Excedente no período', slaAtRisk: 'SLA em risco',
})[kind];

export const overrunStatusLabel = (status: OverrunStatus): string =>
  ({ approved: 'Aprovado', rejected: 'Recusado', pending: 'Aguardando o cliente' })[status];

const roleLabel = (role: string | null): string => (role === null ? '' : ({ client: 'cliente', manager: 'gestor' } as Record<string, string>)[role] ?? role);

/** "cliente (maria)": the role that decided and, when the log names one, who. */
export const decidedByLabel = (line: OverrunLine): string =>
  line.decidedByRole === null ? '—' : `${roleLabel(line.decidedByRole)}${line.decidedBy ? ` (${line.decidedBy})` : ''}`;

/** What an alert said, in words, with the figures it carried. */
export const alertDetail = (alert: AlertLine, timeZone: string): string => {
  switch (alert.kind) {
    case 'lowBalance':
      return `Saldo de ${hhmm(alert.minutes ?? 0)} h, abaixo do limite de ${hhmm(alert.thresholdMinutes ?? 0)} h`;
    case 'lotExpiringSoon':
      return `${alert.lot?.label ?? 'Lote'}: ${hhmm(alert.minutes ?? 0)} h válidas até ${alert.lot ? validity(alert.lot) : '—'}`;
    case 'shortfall':
      return `${hhmm(alert.minutes ?? 0)} h sem saldo, estimadas em ${brl(alert.amountCents ?? 0)} na fatura de excedente`;
    case 'slaAtRisk':
      return `Chamado ${ticketRef(alert.ticket!)} “${alert.ticket!.title}”: ${slaKindLabel(alert.slaKind!).toLowerCase()} vence em ${dateTime(alert.dueAt!, timeZone)}`;
  }
};

/** "2 pacotes: R$ 3.000,00 (1 sem preço)". */
export const packageSalesLine = (report: MonthlyReport): string => {
  const { count, revenueCents, unpricedCount } = report.packageSales;
  if (count === 0) return 'Nenhum pacote comprado no período.';
  const unpriced = unpricedCount > 0 ? ` (${unpricedCount} sem preço registrado)` : '';
  return `${count} ${count === 1 ? 'pacote' : 'pacotes'} (${hhmm(report.packageSales.minutes)} h): ${brl(revenueCents)}${unpriced}`;
};

/** The sections of package sales, overrun approvals and alerts, as tables every layout shows. */
export const packageTable = (report: MonthlyReport, tz: string): ReportTable => {
  const packages = report.credits.items.filter((c) => c.source === 'package');
  return {
    title: 'Pacotes comprados no período',
    headers: ['Pacote', 'Comprado em', H, 'Válido até', 'Preço'],
    rows: [
      ...packages.map((p) => [p.label, date(p.at, tz), hhmm(p.minutes), validity(p), p.priceCents === null ? 'sem preço' : brl(p.priceCents)]),
      ...(packages.length > 0 ? [['Receita de pacotes do período', '', hhmm(report.packageSales.minutes), '', brl(report.packageSales.revenueCents)]] : []),
    ],
    numeric: [2, 4],
    empty: 'Nenhum pacote comprado no período.',
  };
};

export const overrunTable = (report: MonthlyReport, tz: string): ReportTable => ({
  title: 'Horas além da estimativa aprovada (novas aprovações)',
  headers: ['Chamado', 'Título', 'Pedido em', 'Horas a mais', 'Estimativa', 'Motivo', 'Decisão', 'Por', 'Em'],
  rows: report.overruns.items.map((o) => [
    ticketRef(o), o.title, dateTime(o.requestedAt, tz), hhmm(o.additionalMinutes), `de ${hhmm(o.previousEstimatedMinutes)} para ${hhmm(o.estimatedMinutes)}`,
    o.reason, overrunStatusLabel(o.status) + (o.rejectionReason ? `: ${o.rejectionReason}` : ''), decidedByLabel(o), o.decidedAt ? dateTime(o.decidedAt, tz) : '—',
  ]),
  numeric: [3],
  empty: 'Nenhum pedido de horas além da estimativa no período.',
});

export const alertTable = (report: MonthlyReport, tz: string): ReportTable => ({
  title: 'Alertas emitidos no período',
  headers: ['Data e hora', 'Alerta', 'Detalhe'],
  rows: report.alerts.items.map((a) => [dateTime(a.at, tz), alertKindLabel(a.kind), alertDetail(a, tz)]),
  numeric: [],
  empty: 'Nenhum alerta emitido no período.',
});
