import { brl } from '#reporting';
import { dateTime, escapeHtml, hoursAndMinutes, periodName } from './formatting.js';

/** A published event as the feed gives it (the notifier depends on the public contract only). */
export interface FeedEvent {
  readonly id: string;
  readonly type: string;
  readonly position: number;
  readonly data: Readonly<Record<string, any>>;
  /** The envelope's times (the feed always gives them): the client name in force is the one of the event's period. */
  readonly recordedAt?: string;
  readonly metadata?: { readonly occurredAt?: string };
}

/** What the notifier has learned from earlier events: the account's client and zone, the ticket's title. */
export interface MailContext {
  readonly clientName?: string;
  readonly timeZone?: string;
  readonly ticketTitle?: string;
  /** The human number (#1042) once the ticket has it. */
  readonly ticketNumber?: number;
  /** The ticket's page in the web app. */
  readonly ticketUrl?: string;
  /** The account's page (balance, lots, reports) in the web app. */
  readonly accountUrl?: string;
  /** The account manager known before the event (the one a change replaces). */
  readonly accountManagerName?: string;
  /** The pending question an answer answers. */
  readonly question?: string;
  /** The ticket's last project offer (the one a decision is about). */
  readonly projectOffer?: { readonly expectedMinutes: number; readonly priceCents: number };
}

export interface MailContent {
  readonly accountId: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

interface Draft {
  readonly subject: string;
  readonly paragraphs: readonly string[];
}

/** What the mails say that comes from configuration, not from the feed. */
export interface MailSettings {
  /** HOURBANK_AUTO_CLOSE_BUSINESS_DAYS: after how many business days without an answer a delivered ticket closes. */
  readonly autoCloseBusinessDays: number;
}

type Template = (data: Readonly<Record<string, any>>, context: MailContext, settings: MailSettings) => Draft | undefined;

const ticket = (context: MailContext) =>
  `${context.ticketNumber !== undefined ? `#${context.ticketNumber} ` : ''}“${context.ticketTitle ?? 'seu chamado'}”`;
const openIt = (context: MailContext, action: string): string[] => (context.ticketUrl ? [`${action}: ${context.ticketUrl}`] : []);
const seeAccount = (context: MailContext, action = 'Veja o saldo e os lotes'): string[] => (context.accountUrl ? [`${action}: ${context.accountUrl}`] : []);
/** Completes "O prazo de …": each kind named once. */
const SLA_KIND: Readonly<Record<string, string>> = { firstResponse: 'primeira resposta', deliveryPromise: 'entrega prometido' };
/** " (40:00 h previstas, por R$ 12.000,00)": the offer a decision is about, when the notifier saw it recorded. */
const offerTerms = (context: MailContext): string =>
  context.projectOffer ? ` (${hoursAndMinutes(context.projectOffer.expectedMinutes)} h previstas, por ${brl(context.projectOffer.priceCents)})` : '';
const decidedBy = (role: string): string => (role === 'client' ? 'por você' : 'pela nossa equipe em seu nome');
/** The client's (or a manager's, on its behalf) decision on the ticket's project offer. */
const offerDecided = (context: MailContext, outcome: 'aceita' | 'recusada', role: string, at: string, then: readonly string[]): Draft => ({
  subject: `Proposta de projeto ${outcome}: ${ticket(context)}`,
  paragraphs: [
    `A proposta de projeto para ${ticket(context)}${offerTerms(context)} foi ${outcome} ${decidedBy(role)} em ${dateTime(at, context.timeZone)}.`,
    ...then,
    ...openIt(context, 'Veja o chamado'),
  ],
});
const businessDays = (days: number) => (days === 1 ? '1 dia útil' : `${days} dias úteis`);

/** The mails the client gets, in Brazilian Portuguese, keyed by the published event type. */
const templates: Readonly<Record<string, Template>> = {
  'hourbank.ticket.clarification-requested.v1': (data, context) => ({
    subject: `Precisamos de uma informação sobre ${ticket(context)}`,
    paragraphs: [
      `Nossa equipe precisa de um esclarecimento para continuar o chamado ${ticket(context)}:`,
      data.question,
      `Pergunta feita em ${dateTime(data.requestedAt, context.timeZone)}. O chamado fica aguardando a sua resposta.`,
      ...openIt(context, 'Responda no chamado'),
    ],
  }),
  'hourbank.ticket.estimated.v1': (data, context) => data.approvalRequired !== true ? ({
    subject: `Estimativa do chamado ${ticket(context)}: ${hoursAndMinutes(data.estimatedMinutes)} h`,
    paragraphs: [
      `O chamado ${ticket(context)} foi estimado em ${hoursAndMinutes(data.estimatedMinutes)} h, dentro das horas disponíveis no seu banco: o trabalho já começou.`,
      `Entrega prevista para ${dateTime(data.expectedDeliveryAt, context.timeZone)}.`,
      ...openIt(context, 'Acompanhe o chamado'),
    ],
  }) : ({
    subject: `Estimativa aguardando sua aprovação: ${ticket(context)}`,
    paragraphs: [
      `O chamado ${ticket(context)} foi estimado em ${hoursAndMinutes(data.estimatedMinutes)} h, acima das horas disponíveis no seu banco.`,
      `Entrega prevista para ${dateTime(data.expectedDeliveryAt, context.timeZone)}, após a aprovação.`,
      'Aprove ou recuse a estimativa para que possamos seguir.',
      ...openIt(context, 'Aprove ou recuse aqui'),
    ],
  }),
  'hourbank.ticket.overrun-approval-requested.v1': (data, context) => ({
    subject: `Mais horas para o chamado ${ticket(context)}: aguardando sua aprovação`,
    paragraphs: [
      `O chamado ${ticket(context)} precisa de mais ${hoursAndMinutes(data.additionalMinutes)} h além das ${hoursAndMinutes(data.previousEstimatedMinutes)} h aprovadas (total de ${hoursAndMinutes(data.estimatedMinutes)} h).`,
      data.reason,
      'Nenhuma hora além do aprovado é lançada até a sua decisão.',
      ...openIt(context, 'Aprove ou recuse aqui'),
    ],
  }),
  'hourbank.ticket.closed.v1': (data, context) => ({
    subject: `Chamado encerrado: ${ticket(context)}`,
    paragraphs: [
      `O chamado ${ticket(context)} foi encerrado em ${dateTime(data.closedAt, context.timeZone)}${data.how === 'autoClosed' ? ', sem resposta no prazo após a entrega' : ', com o seu aceite'}.`,
      `Foram ${hoursAndMinutes(data.loggedMinutes)} h de trabalho, debitadas do seu banco de horas.`,
      ...openIt(context, 'Veja o chamado'),
    ],
  }),
  'hourbank.ticket.project-offer-recorded.v1': (data, context) => ({
    subject: `Proposta de projeto para ${ticket(context)}`,
    paragraphs: [
      `A demanda ${ticket(context)} passa do escopo do banco de horas e virou uma proposta de projeto: ${hoursAndMinutes(data.expectedMinutes)} h previstas, por ${brl(data.priceCents)}.`,
      'Aceite ou recuse a proposta no chamado.',
      ...openIt(context, 'Responda à proposta aqui'),
    ],
  }),
  'hourbank.ticket.sla-at-risk.v1': (data, context) => ({
    subject: `Prazo de SLA perto de vencer: ${ticket(context)}`,
    paragraphs: [
      `O prazo de ${SLA_KIND[data.kind] ?? data.kind} do chamado ${ticket(context)} vence em ${dateTime(data.dueAt, context.timeZone)} e já passou de 80 %.`,
      ...openIt(context, 'Acompanhe o chamado'),
    ],
  }),
  'hourbank.account.overage-invoiced.v1': (data, context) => ({
    subject: `Fatura de horas excedentes de ${periodName(data.period)}: ${brl(data.amountCents)}`,
    paragraphs: [
      `Em ${periodName(data.period)} foram usadas ${hoursAndMinutes(data.shortfallMinutes)} h além do saldo do seu banco de horas.`,
      `Ao valor de ${brl(data.rateCentsPerHour)} a hora, a fatura é de ${brl(data.amountCents)} (emitida em ${dateTime(data.invoicedAt, context.timeZone)}).`,
      ...seeAccount(context, 'Veja o relatório do mês'),
    ],
  }),
  'hourbank.account.low-balance-alerted.v1': (data, context) => ({
    subject: `Saldo baixo no banco de horas: ${hoursAndMinutes(data.balanceMinutes)} h`,
    paragraphs: [
      `O saldo do seu banco de horas ficou em ${hoursAndMinutes(data.balanceMinutes)} h, abaixo do aviso de ${hoursAndMinutes(data.thresholdMinutes)} h (${dateTime(data.alertedAt, context.timeZone)}).`,
      'O que passar do saldo é faturado como hora excedente. Um pacote avulso repõe o saldo.',
      ...seeAccount(context),
    ],
  }),
  'hourbank.account.lot-expiring-soon-alerted.v1': (data, context) => ({
    subject: `${hoursAndMinutes(data.minutes)} h do seu banco vencem em ${dateTime(data.expiresAt, context.timeZone)}`,
    paragraphs: [
      `Um lote com ${hoursAndMinutes(data.minutes)} h ainda não usadas vence em ${dateTime(data.expiresAt, context.timeZone)}; depois disso as horas saem do saldo.`,
      'Abra os chamados que quiser antes do vencimento.',
      ...seeAccount(context),
    ],
  }),
  'hourbank.account.shortfall-alerted.v1': (data, context) => ({
    subject: `Horas excedentes em ${periodName(data.period)}`,
    paragraphs: [
      `Um débito de ${periodName(data.period)} passou do saldo: ${hoursAndMinutes(data.shortfallMinutes)} h excedentes até agora.`,
      `Elas serão faturadas no primeiro dia útil do mês seguinte a ${brl(data.rateCentsPerHour)} a hora, cerca de ${brl(data.estimatedAmountCents)} até aqui.`,
      ...seeAccount(context),
    ],
  }),
  'hourbank.account.manager-assigned.v1': (data, context) => ({
    subject: `Seu gerente de atendimento: ${data.name}`,
    paragraphs: [
      data.previousUserId !== undefined
        ? `${data.name} passa a ser o gerente de atendimento da sua conta${context.accountManagerName ? `, no lugar de ${context.accountManagerName}` : ''}, desde ${dateTime(data.assignedAt, context.timeZone)}.`
        : `${data.name} é o gerente de atendimento da sua conta desde ${dateTime(data.assignedAt, context.timeZone)}.`,
      'Fale com o seu gerente pelos canais do seu plano; os chamados seguem com a equipe de suporte.',
      ...seeAccount(context, 'Veja a sua conta'),
    ],
  }),
  'hourbank.account.manager-removed.v1': (data, context) => ({
    subject: 'Mudança no atendimento da sua conta',
    paragraphs: [
      `${context.accountManagerName ?? 'O gerente de atendimento'} deixou de ser o gerente de atendimento da sua conta em ${dateTime(data.removedAt, context.timeZone)}.`,
      'Os chamados seguem com a equipe de suporte. Avisaremos quando um novo gerente for indicado.',
      ...seeAccount(context, 'Veja a sua conta'),
    ],
  }),
  'hourbank.account.contract-amended.v1': (data, context) => ({
    subject: `Aditivo de contrato a partir de ${periodName(data.effectiveFrom)}`,
    paragraphs: [
      `O seu contrato muda a partir de ${periodName(data.effectiveFrom)} (aditivo registrado em ${dateTime(data.amendedAt, context.timeZone)}):`,
      [
        ...(data.clientName !== undefined ? [`Nome do cliente: ${data.clientName}`] : []),
        ...(data.overageRateCentsPerHour !== undefined ? [`Valor da hora excedente: ${brl(data.overageRateCentsPerHour)}`] : []),
        ...(data.timeZone !== undefined ? [`Fuso horário: ${data.timeZone}`] : []),
      ].join('\n') || 'O calendário de atendimento da conta.',
      `Motivo: ${data.reason}`,
      'Até lá valem os termos atuais; os relatórios mensais daquele mês em diante já trazem os novos.',
      ...seeAccount(context, 'Veja a sua conta'),
    ],
  }),
  'hourbank.ticket.project-offer-accepted.v1': (data, context) => offerDecided(context, 'aceita', data.acceptedBy, data.acceptedAt, [
    'Nossa equipe de Customer Success entra em contato para combinar o início do projeto.',
  ]),
  'hourbank.ticket.project-offer-declined.v1': (data, context) => offerDecided(context, 'recusada', data.declinedBy, data.declinedAt, [
    ...(data.reason ? [`Motivo: ${data.reason}`] : []), 'Se quiser, podemos preparar outra proposta: responda no chamado.',
  ]),
  'hourbank.ticket.pending-question-answered.v1': (data, context) => ({
    subject: `Resposta à pergunta pendente: ${ticket(context)}`,
    paragraphs: [
      `A pergunta que ficou pendente no chamado ${ticket(context)} foi respondida em ${dateTime(data.answeredAt, context.timeZone)}.`,
      ...(context.question ? [`Pergunta: ${context.question}`] : []),
      `Resposta: ${data.answer}`,
      ...openIt(context, 'Veja o chamado'),
    ],
  }),
  'hourbank.ticket.delivered.v1': (data, context, settings) => ({
    subject: `Chamado entregue: ${ticket(context)}`,
    paragraphs: [
      `Entregamos o chamado ${ticket(context)} em ${dateTime(data.deliveredAt, context.timeZone)}.`,
      data.summary,
      `Confira e aceite a entrega, ou peça uma revisão. Sem resposta, o chamado é encerrado automaticamente após ${businessDays(settings.autoCloseBusinessDays)}.`,
      ...openIt(context, 'Aceite ou peça revisão aqui'),
    ],
  }),
  'hourbank.ticket.sla-breached.v1': (data, context) => ({
    subject: `Prazo de SLA não cumprido: ${ticket(context)}`,
    paragraphs: [
      `O prazo de ${SLA_KIND[data.kind] ?? data.kind} do chamado ${ticket(context)} venceu em ${dateTime(data.dueAt, context.timeZone)} sem ser cumprido.`,
      'Pedimos desculpas. A ocorrência fica registrada no relatório mensal do seu banco de horas.',
      ...openIt(context, 'Acompanhe o chamado'),
    ],
  }),
  'hourbank.report.issued.v1': (data) => reportIssued(data, false),
  'hourbank.report.issued.v2': (data) => reportIssued(data, true),
};

function reportIssued(data: Readonly<Record<string, any>>, attached: boolean): Draft {
  return {
    subject: `Relatório mensal de ${periodName(data.period)} disponível`,
    paragraphs: [
      `O relatório de uso do seu banco de horas de ${periodName(data.period)} foi emitido${attached ? ' e segue anexo, em PDF' : ''}.`,
      'Ele traz o saldo, os créditos e os pacotes comprados, os chamados encerrados com as horas por atividade, as horas aprovadas além das estimativas, os vencimentos, os alertas do mês e o resultado dos SLAs.',
      ...(attached ? ['O arquivo é o relatório como emitido: quem quiser pode conferi-lo com o registro de eventos (npm run cli -- verify-report).'] : []),
    ],
  };
}

/** Mails that carry the issued report's PDF (v1 issues predate the document and are announced only). */
export const attachesReport = (event: FeedEvent): boolean => event.type === 'hourbank.report.issued.v2';

const linked = (html: string): string => html.replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

export const mailedEventTypes: readonly string[] = Object.keys(templates);

/** The mail an event calls for, or undefined when the client is not to be written to about it. */
export function composeMail(event: FeedEvent, context: MailContext, settings: MailSettings): MailContent | undefined {
  const draft = templates[event.type]?.(event.data, context, settings);
  if (!draft) return undefined;
  // A name that ends with its own period ("… Ltda.") ends the greeting.
  const greeting = `Olá${context.clientName ? `, ${context.clientName.replace(/\.+$/, '')}` : ''}.`;
  const closing = 'Atenciosamente,\nEquipe de Suporte — Banco de Horas';
  const body = [greeting, ...draft.paragraphs, closing];
  return {
    accountId: event.data.accountId,
    subject: `[Banco de Horas] ${draft.subject}`,
    text: `${body.join('\n\n')}\n`,
    html: `<!doctype html><html lang="pt-BR"><body>${body.map((p) => `<p>${linked(escapeHtml(p).replaceAll('\n', '<br>'))}</p>`).join('')}</body></html>`,
  };
}
