import type { FieldChange } from '../domain/report-diff.js';
import type { CorrectionFact, ReportDocument } from '../domain/report-document.js';
import type { LotLabel, LotSource, MonthlyReport, TicketOutcome } from '../domain/monthly-report.js';
import { brl, date, dateTime, hhmm, plainDate } from './format.js';

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

/** A ticket as people know it: "#1042", or "—" before the ticket was numbered (its title says which it is). */
export const ticketRef = (line: { number: number | null }): string => (line.number === null ? '—' : `#${line.number}`);

export const validity = (lot: Pick<LotLabel, 'validThrough'>): string => (lot.validThrough ? plainDate(lot.validThrough) : '—');

/** How many minutes left the lots, and where they went: the summary every format shows first. */
export const summaryRows = (report: MonthlyReport): [string, number][] => [
  ['Saldo inicial', report.openingBalance],
  ['Horas creditadas', report.credits.totalMinutes],
  ['Horas consumidas em chamados', report.tickets.coveredMinutes + report.tickets.shortfallMinutes],
  ['  cobertas pelo saldo', report.tickets.coveredMinutes],
  ['  excedentes (sem saldo)', report.tickets.shortfallMinutes],
  ['Ajustes negativos', report.negativeAdjustments.totalMinutes],
  ['Horas expiradas', report.expirations.totalMinutes],
  ['Saldo final', report.closingBalance],
];

export const invoiceLine = (report: MonthlyReport): string => {
  const { shortfallMinutes, rateCentsPerHour, amountCents, status } = report.overage;
  if (status === 'none') return 'Sem excedente no período: nada a faturar.';
  return `Excedente de ${hhmm(shortfallMinutes)} h a ${brl(rateCentsPerHour)}/h: ${brl(amountCents)}. ${overageStatusLabel(report)}.`;
};

export const overageRows = (report: MonthlyReport): [string, string][] => [
  ['Horas excedentes', hhmm(report.overage.shortfallMinutes)],
  ['Valor da hora excedente', brl(report.overage.rateCentsPerHour)],
  ['Valor da fatura', brl(report.overage.amountCents)],
  ['Situação', overageStatusLabel(report)],
];

const factNames: Readonly<Record<string, string>> = {
  TicketDebited: 'Débito do chamado', TicketClosed: 'Encerramento do chamado', TicketCancelled: 'Cancelamento do chamado',
  TicketEscalated: 'Escalonamento do chamado', SlaBreached: 'Violação de SLA do chamado', TimeEntryCorrected: 'Correção de horas do chamado',
  TimeLogged: 'Horas lançadas no chamado', LotExpired: 'Vencimento de lote', OverageInvoiced: 'Fatura de excedente',
  AdjustmentCredited: 'Ajuste positivo', AdjustmentDebited: 'Ajuste negativo', PackagePurchased: 'Compra de pacote',
  MonthlyPlanCredited: 'Crédito do plano', TicketNumbered: 'Numeração do chamado',
  PlanChanged: 'Troca de plano', PlanDiscontinued: 'Fim do plano mensal', ContractAmended: 'Aditivo de contrato',
  OverrunApprovalRequested: 'Pedido de horas além da estimativa', OverrunApproved: 'Aprovação de horas além da estimativa',
  OverrunRejected: 'Recusa de horas além da estimativa', LowBalanceAlerted: 'Alerta de saldo baixo',
  LotExpiringSoonAlerted: 'Alerta de lote perto do vencimento', ShortfallAlerted: 'Alerta de excedente', SlaAtRisk: 'Alerta de SLA em risco do chamado',
};

/** "Débito do chamado #12 “Cardápio no site” (2:50 h)". */
export const correctionFactLabel = (fact: CorrectionFact): string => {
  const name = factNames[fact.type] ?? fact.type;
  const ticket = fact.ticketId === null ? '' : ` ${fact.ticketNumber === null ? '' : `#${fact.ticketNumber} `}“${fact.ticketTitle ?? ''}”`;
  const minutes = fact.minutes === null || fact.type === 'SlaBreached' ? '' : ` (${hhmm(Math.abs(fact.minutes))} h)`;
  return `${name}${ticket}${minutes}`;
};

const figures: Readonly<Record<string, [string, 'minutes' | 'cents' | 'count']>> = {
  openingBalance: ['Saldo inicial', 'minutes'], closingBalance: ['Saldo final', 'minutes'],
  'credits.totalMinutes': ['Horas creditadas', 'minutes'], 'tickets.coveredMinutes': ['Horas cobertas', 'minutes'],
  'tickets.shortfallMinutes': ['Horas excedentes', 'minutes'], 'negativeAdjustments.totalMinutes': ['Ajustes negativos', 'minutes'],
  'expirations.totalMinutes': ['Horas expiradas', 'minutes'], 'overage.amountCents': ['Valor da fatura', 'cents'],
  'sla.firstResponse.met': ['Primeiras respostas cumpridas', 'count'], 'sla.firstResponse.breached': ['Primeiras respostas violadas', 'count'],
  'sla.deliveryPromise.met': ['Prazos de entrega cumpridos', 'count'], 'sla.deliveryPromise.breached': ['Prazos de entrega violados', 'count'],
  'packageSales.revenueCents': ['Receita de pacotes', 'cents'], 'overruns.approvedMinutes': ['Horas adicionais aprovadas', 'minutes'],
};
const sections: readonly [string, string][] = [
  ['tickets.items', 'chamados'], ['sla.breaches', 'violações de SLA'], ['expirations.items', 'horas expiradas'],
  ['credits.items', 'créditos'], ['negativeAdjustments.items', 'ajustes negativos'], ['expiringSoon', 'lotes a vencer'],
  ['usageByPeriod', 'consumo por mês'], ['overage', 'fatura de excedente'], ['packageSales', 'pacotes'],
  ['overruns', 'horas além da estimativa'], ['alerts', 'alertas'],
];

const shown = (value: unknown, unit: 'minutes' | 'cents' | 'count'): string =>
  typeof value !== 'number' ? '—' : unit === 'minutes' ? hhmm(value) : unit === 'cents' ? brl(value) : String(value);

/** "Saldo final: de 2:20 para 1:50; muda também: chamados": what a correction moved, in words. */
export const effectLabel = (changes: readonly FieldChange[]): string => {
  const moved = changes.filter((c) => figures[c.path]).map((c) => {
    const [name, unit] = figures[c.path]!;
    return `${name}: de ${shown(c.before, unit)} para ${shown(c.after, unit)}`;
  });
  const touched = [...new Set(changes.filter((c) => !figures[c.path]).map((c) => sections.find(([prefix]) => c.path.startsWith(prefix))?.[1] ?? 'detalhes'))];
  return [...moved, ...(touched.length > 0 ? [`muda também: ${touched.join(', ')}`] : [])].join('; ');
};

export const editionLabel = (doc: ReportDocument): string => {
  const tz = doc.report.timeZone;
  if (doc.edition === 'preview') return 'Prévia: relatório não emitido, os números podem mudar até a emissão.';
  const issued = `Emitido em ${dateTime(doc.issue!.issuedAt, tz)} por ${doc.issue!.issuedBy}`;
  return doc.edition === 'issued' ? `${issued}.` : `Versão corrigida: inclui o que foi registrado depois da emissão (${issued.toLowerCase()}).`;
};
