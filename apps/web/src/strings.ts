/**
 * Every text the web app shows, in Brazilian Portuguese. Another language is another object of the same shape
 * (`typeof ptBR`); nothing else in the app holds user-facing text.
 */
export const ptBR = {
  app: { name: 'Banco de Horas', skip: 'Pular para o conteúdo', loading: 'Carregando…', signOut: 'Sair', menu: 'Menu', live: 'Atualizando ao vivo', offline: 'Sem atualização ao vivo' },
  roles: { client: 'Cliente', agent: 'Atendente', manager: 'Gestor(a)', auditor: 'Auditor(a)', system: 'Sistema', anonymous: 'Anônimo' } as Record<string, string>,
  nav: {
    queue: 'Fila', myTickets: 'Meus chamados', newTicket: 'Abrir chamado', accounts: 'Contas', balance: 'Saldo', users: 'Usuários',
    apiKeys: 'Chaves de API', calendars: 'Calendários', operations: 'Operação', audit: 'Auditoria', password: 'Minha senha',
  },
  auth: {
    signInTitle: 'Entrar', email: 'E-mail', password: 'Senha', signIn: 'Entrar', forgot: 'Esqueci a senha',
    forgotTitle: 'Redefinir a senha', forgotHelp: 'Informe seu e-mail. Se ele estiver cadastrado, enviaremos um link para criar uma nova senha.',
    sendLink: 'Enviar link', linkSent: 'Se o e-mail estiver cadastrado, o link chegará em instantes. Confira também a caixa de spam.',
    resetTitle: 'Nova senha', newPassword: 'Nova senha', confirmPassword: 'Repita a senha', save: 'Salvar senha',
    resetDone: 'Senha alterada. Entre com a nova senha.', backToSignIn: 'Voltar para entrar',
    passwordHelp: 'Pelo menos 10 caracteres. Uma frase longa é mais segura e fácil de lembrar.',
    mismatch: 'As senhas não são iguais.',
    inviteTitle: 'Boas-vindas ao Banco de Horas', inviteFor: (name: string, email: string, role: string) => `Convite para ${name} (${email}) como ${role}.`,
    acceptInvite: 'Criar senha e entrar', inviteInvalid: 'Este link de convite não vale mais. Peça um novo convite a quem o enviou.',
    firstTitle: 'Primeiro acesso', firstHelp: 'Crie a conta do primeiro gestor desta instalação. O link vale uma única vez.',
    name: 'Nome', createFirst: 'Criar gestor e entrar', firstDone: 'Esta instalação já tem gestor. Entre com seu e-mail e senha.',
    changeTitle: 'Trocar minha senha', currentPassword: 'Senha atual', changed: 'Senha alterada. Entre de novo com a nova senha.', change: 'Trocar senha',
  },
  status: {
    open: 'Aberto', awaitingClarification: 'Aguardando esclarecimento', awaitingApproval: 'Aguardando aprovação', rejected: 'Estimativa recusada',
    inProgress: 'Em andamento', delivered: 'Entregue', closed: 'Encerrado', cancelled: 'Cancelado', escalated: 'Escalado para projeto',
  } as Record<string, string>,
  categories: {
    support: 'Suporte', consulting: 'Consultoria', meeting: 'Reunião', training: 'Treinamento', investigation: 'Investigação', technical_execution: 'Execução técnica',
  } as Record<string, string>,
  activities: {
    development: 'Desenvolvimento', meeting: 'Reunião', investigation: 'Investigação', analysis: 'Análise', test: 'Teste', training: 'Treinamento', other: 'Outra',
  } as Record<string, string>,
  urgency: { breached: 'Prazo vencido', atRisk: 'Em risco', running: 'No prazo', waiting: 'Aguardando cliente', done: 'Concluído' } as Record<string, string>,
  sla: {
    firstResponse: 'Primeira resposta', deliveryPromise: 'Prazo de entrega', due: 'Vence em',
    paused: 'pausado (aguardando o cliente)', met: 'cumprido', breached: 'vencido', stopped: 'interrompido', running: 'correndo', atRisk: 'em risco',
    none: 'Sem prazo correndo',
  } as Record<string, string>,
  slaRemaining: (hm: string) => `${hm} úteis restantes`,
  queue: {
    title: 'Fila de atendimento', help: 'Ordenada pelo vencimento do SLA: vencidos primeiro, depois em risco.', status: 'Situação', account: 'Conta',
    category: 'Categoria', assignee: 'Responsável', allStatuses: 'Em aberto (todas)', all: 'Todas', empty: 'Nenhum chamado com estes filtros.',
    number: 'Nº', ticket: 'Chamado', sla: 'SLA', assigneeSoon: 'Atribuição de responsáveis chega numa próxima versão.',
  },
  tickets: {
    mine: 'Meus chamados', newTitle: 'Abrir chamado', title: 'Título', description: 'Descrição', category: 'Categoria', account: 'Conta',
    participants: 'Participantes do treinamento', participantsHelp: 'Até 4 pessoas, uma por linha.', open: 'Abrir chamado', opened: 'Aberto em',
    noNumber: 'numerando…', logged: 'Horas lançadas', estimate: 'Estimativa', expected: 'Entrega prevista', none: 'Nenhum chamado ainda.',
    timeline: 'Linha do tempo', entries: 'Lançamentos de horas', history: 'Histórico completo do fluxo', actions: 'Ações',
    offer: 'Proposta de projeto', price: 'Preço', expectedHours: 'Horas previstas',
  },
  actions: {
    ask: 'Pedir esclarecimento', question: 'Pergunta para o cliente', answer: 'Responder', answerLabel: 'Sua resposta',
    estimate: 'Estimar', minutes: 'Horas estimadas (hh:mm)', deliveryAt: 'Entrega prevista (data e hora)',
    available: (hm: string) => `Disponível na conta para este chamado: ${hm}`, overApproval: 'Acima do disponível: o cliente precisará aprovar.',
    approve: 'Aprovar estimativa', reject: 'Recusar estimativa', rejectReason: 'Motivo (opcional)',
    approvalImpact: (estimate: string, available: string, after: string) => `Estimativa de ${estimate}. Disponível hoje: ${available}. Se todas as horas estimadas forem usadas, o disponível fica em ${after}.`,
    overageNote: (hm: string, money: string) => `O que passar do saldo (${hm}) é faturado no primeiro dia útil do mês seguinte, cerca de ${money}.`,
    notApprover: 'Você não aprova estimativas desta conta. Peça a quem aprova.',
    logTime: 'Lançar horas', duration: 'Duração (hh:mm)', activity: 'Atividade', performedOn: 'Data', note: 'Observação',
    correct: 'Corrigir', correction: 'Correção (± hh:mm)', reason: 'Motivo',
    deliver: 'Entregar', summary: 'Resumo da entrega', accept: 'Aceitar entrega', revision: 'Pedir revisão', revisionReason: 'O que falta ajustar',
    escalate: 'Escalar para projeto', escalateReason: 'Por que passa do escopo', cancel: 'Cancelar chamado', cancelReason: 'Motivo do cancelamento',
    offer: 'Registrar proposta', send: 'Enviar', done: 'Feito.', confirm: 'Confirmar',
  },
  accounts: {
    title: 'Contas', open: 'Abrir conta', clientName: 'Cliente', plan: 'Plano', firstPeriod: 'Primeiro mês (AAAA-MM)', overageRate: 'Valor da hora excedente (R$)',
    contracted: 'Horas contratadas por mês (CUSTOM)', balance: 'Saldo', available: 'Disponível', reserved: 'Reservado em estimativas', shortfall: 'Excedente no mês',
    lots: 'Lotes de horas', lot: 'Lote', source: 'Origem', expires: 'Vence em', expiringSoon: 'vence em até 90 dias', status: 'Situação',
    sources: { plan: 'Plano mensal', package: 'Pacote', adjustment: 'Ajuste' } as Record<string, string>,
    statusOf: { open: 'Ativa', cancelled: 'Cancelada' } as Record<string, string>,
    package: 'Vender pacote', packageHours: 'Horas do pacote (hh:mm)', adjust: 'Ajuste manual', adjustHours: 'Horas (± hh:mm)', reason: 'Motivo',
    changePlan: 'Mudar plano (vale a partir do mês seguinte)', cancel: 'Cancelar conta', cancelReason: 'Motivo', ledger: 'Extrato (todos os eventos)',
    reports: 'Relatórios mensais', period: 'Mês', download: 'Baixar', issue: 'Emitir relatório', diff: 'Comparar com o emitido', issued: 'Emitido',
    noChanges: 'Nada mudou desde a emissão.', changes: 'Mudanças desde a emissão', viewReport: 'Ver relatório', none: 'Nenhuma conta ainda.',
    calendar: 'Calendário', zone: 'Fuso', users: 'Usuários desta conta', noLots: 'Nenhum lote com horas disponíveis.',
    expiringTotal: (hm: string) => `${hm} vencem nos próximos 90 dias.`,
  },
  users: {
    title: 'Usuários e convites', invite: 'Convidar', name: 'Nome', email: 'E-mail', role: 'Papel', status: 'Situação', accounts: 'Contas',
    mayApprove: 'aprova estimativas', lastSignIn: 'Último acesso', locked: 'bloqueado até', never: 'nunca',
    statuses: { invited: 'Convidado', active: 'Ativo', deactivated: 'Desativado' } as Record<string, string>,
    resend: 'Reenviar convite', deactivate: 'Desativar', reactivate: 'Reativar', changeRole: 'Mudar papel', saveAccess: 'Salvar acesso',
    sent: 'Convite enviado por e-mail.', notConfigured: 'Não há servidor de e-mail configurado. Envie este link à pessoa (vale uma vez):',
    failed: 'O e-mail não pôde ser enviado. Tente reenviar o convite.', grant: 'Acesso à conta', addAccount: 'Adicionar conta',
    deactivateReason: 'Motivo', history: 'Histórico',
  },
  keys: {
    title: 'Chaves de API', help: 'Para integrações e serviços (como o notificador): envie como "Authorization: Bearer <chave>".',
    name: 'Nome', role: 'Papel', create: 'Criar chave', created: 'Criado em', revoked: 'Revogada em', revoke: 'Revogar', reason: 'Motivo',
    shownOnce: 'Copie a chave agora: ela não será mostrada de novo.', active: 'Ativa',
  },
  calendars: {
    title: 'Calendários e feriados', id: 'Calendário', year: 'Ano', zone: 'Fuso horário', national: 'Feriados nacionais', carnival: 'Carnaval (segunda e terça)',
    corpusChristi: 'Corpus Christi', saveOptions: 'Salvar opções', holidays: 'Dias sem expediente', date: 'Data', name: 'Nome', add: 'Adicionar feriado',
    remove: 'Remover', hours: 'Expediente', weekdays: ['', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb', 'dom'],
  },
  operations: {
    title: 'Operação: projeções e reatores', name: 'Nome', kind: 'Tipo', state: 'Estado', position: 'Posição', lag: 'Atraso (eventos)',
    rebuild: 'Reconstruir', parked: 'Evento estacionado', head: 'Último evento do log', rebuilding: 'Reconstrução iniciada.',
  },
  audit: {
    title: 'Auditoria: histórico de um fluxo', stream: 'Fluxo (ex.: account-…, ticket-…, user-…, signin-…)', show: 'Mostrar',
    when: 'Quando', who: 'Quem', onBehalf: 'em nome de', event: 'Evento', data: 'Dados', revision: 'Rev.', empty: 'Nenhum evento neste fluxo.',
  },
  events: {
    TicketOpened: 'abriu o chamado', TicketNumbered: 'numerou o chamado', ClarificationRequested: 'pediu um esclarecimento', ClarificationProvided: 'respondeu',
    TicketEstimated: 'estimou', EstimateApproved: 'aprovou a estimativa', EstimateRejected: 'recusou a estimativa', TimeLogged: 'lançou horas',
    TimeEntryCorrected: 'corrigiu um lançamento', TicketDelivered: 'entregou', RevisionRequested: 'pediu revisão', TicketClosed: 'encerrou',
    TicketCancelled: 'cancelou', TicketEscalated: 'escalou para projeto', ProjectOfferRecorded: 'registrou a proposta de projeto', SlaBreached: 'registrou SLA vencido',
  } as Record<string, string>,
  common: {
    save: 'Salvar', cancel: 'Cancelar', yes: 'Sim', no: 'Não', close: 'Fechar', refresh: 'Atualizar', notFound: 'Não encontrado.', back: 'Voltar',
    error: 'Algo deu errado.', retry: 'Tentar de novo', required: 'Obrigatório', system: 'Sistema', you: 'você',
  },
  errors: {
    SIGN_IN_FAILED: 'E-mail ou senha incorretos.', SIGN_IN_LOCKED: 'Muitas tentativas com senha errada. Tente de novo mais tarde ou redefina a senha.',
    PASSWORD_TOO_WEAK: 'A senha precisa ter pelo menos 10 caracteres (e não pode ser o e-mail).', INVITATION_NOT_VALID: 'Este link de convite não vale mais.',
    PASSWORD_RESET_NOT_VALID: 'Este link não vale mais. Peça outro.', FIRST_MANAGER_LINK_NOT_VALID: 'Este link não vale mais: reinicie o servidor para gerar outro.',
    FIRST_MANAGER_ALREADY_CREATED: 'Esta instalação já tem gestor. Entre com seu e-mail e senha.', EMAIL_ALREADY_IN_USE: 'Já existe um usuário com este e-mail.',
    TRAINING_ALLOWS_AT_MOST_4_PARTICIPANTS: 'Treinamentos aceitam no máximo 4 participantes.', NOT_AN_APPROVER: 'Você não aprova estimativas desta conta.',
    CLIENT_MAY_CANCEL_ONLY_BEFORE_WORK_STARTS: 'Depois que há horas lançadas, só a equipe pode cancelar.', TOO_MANY_REQUESTS: 'Muitas tentativas. Aguarde um minuto.',
    VALIDATION_FAILED: 'Confira os campos destacados.', FORBIDDEN: 'Você não tem permissão para isto.', UNAUTHENTICATED: 'Sua sessão terminou. Entre de novo.',
    CSRF_TOKEN_MISSING_OR_WRONG: 'Sua sessão terminou. Recarregue a página.', CONCURRENT_MODIFICATION: 'Outra pessoa mudou isto ao mesmo tempo. Tente de novo.',
    MAY_NOT_CHANGE_OWN_ROLE: 'Peça a outro gestor para mudar o seu papel.', MAY_NOT_DEACTIVATE_ONESELF: 'Você não pode desativar a si mesmo.',
    NEGATIVE_ADJUSTMENT_EXCEEDS_BALANCE: 'O ajuste negativo passa do saldo.', REPORT_PERIOD_NOT_CLOSED: 'Só se emite o relatório de um mês encerrado.',
    REPORT_PERIOD_IN_THE_FUTURE: 'Este mês ainda não começou.', CURRENT_PASSWORD_IS_WRONG: 'A senha atual não confere.',
    ACCOUNT_IS_CANCELLED: 'Esta conta está cancelada e não aceita novos chamados.',
  } as Record<string, string>,
  format: { hours: 'h', at: 'às' },
};

export type Strings = typeof ptBR;
export const t: Strings = ptBR;
