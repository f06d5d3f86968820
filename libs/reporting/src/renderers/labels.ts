import type { MonthlyReport, LotSource, TicketOutcome } from '../domain/monthly-report.js';
import { brl, date, hhmm } from './format.js';

/** The Portuguese words of the report, shared by every renderer. */
export const sourceLabel = (source: LotSource | null): string =>
  source === null ? '—' : { plan: 'Plano mensal', package: 'Pacote único', adjustment: 'Ajuste positivo' }[source];

export const outcomeLabel = (outcome: TicketOutcome | null): string =>
  outcome === null ? 'Em aberto' : { closed: 'Encerrado', cancelled: 'Cancelado', escalated: 'Escalado para projeto' }[outcome];

const activities: Readonly<Record<string, string>> = {
  development: 'Desenvolvimento', meeting: 'Reunião', investigation: 'Investigação', analysis: 'Análise', test: 'Teste',
  training: 'Treinamento', other: 'Outros',
};
export const activityLabel = (activity: string): string => activities[activity] ?? activity;

export const slaKindLabel = (kind: 'firstResponse' | 'deliveryPromise'): string =>
  kind === 'firstResponse' ? 'Primeira resposta' : 'Prazo de entrega';

export const overageStatusLabel = (report: MonthlyReport): string => {
  const { status, invoicedAt } = report.overage;
  if (status === 'invoiced' && invoicedAt) return `Faturado em ${date(invoicedAt, report.timeZone)}`;
  return status === 'pending' ? 'A faturar no primeiro dia útil do mês seguinte' : 'Sem excedente';
};

export const minutesAndHours = (minutes: number): [string, string] => [String(minutes), hhmm(minutes)];

/** The summary rows every format shows first: label, minutes. */
export const summaryRows = (report: MonthlyReport): [string, number][] => [
  ['Saldo inicial', report.openingBalance],
  ['Créditos', report.credits.totalMinutes],
  ['Débitos de chamados (cobertos)', report.tickets.coveredMinutes],
  ['Ajustes negativos', report.negativeAdjustments.totalMinutes],
  ['Horas expiradas', report.expirations.totalMinutes],
  ['Saldo final', report.closingBalance],
];

export const overageRows = (report: MonthlyReport): [string, string][] => [
  ['Minutos excedentes', `${report.overage.shortfallMinutes} (${hhmm(report.overage.shortfallMinutes)})`],
  ['Valor da hora excedente', brl(report.overage.rateCentsPerHour)],
  ['Valor da fatura', brl(report.overage.amountCents)],
  ['Situação', overageStatusLabel(report)],
];
