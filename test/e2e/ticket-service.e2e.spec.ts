import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, numbered, settle, ticketBody } from './support/hour-bank-fixtures.js';
import type { HttpClient, HttpResult } from './support/http-client.js';

const refused = (result: HttpResult<any>, status: number, code?: string) => {
  expect(result.status, result.text).to.equal(status);
  expect(result.headers.get('content-type')).to.match(/^application\/problem\+json/);
  if (code) expect(result.body.code, result.text).to.equal(code);
};
const typesOf = (outcome: { events: { type: string }[] }) => outcome.events.map((event) => event.type);
const DELIVERY = '2030-06-07T18:00:00Z';

/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d1a1c80000000049454e44ae426082', 'hex');

/**
 * Issue 15 over HTTP, on tickets: assignee and priority (and the queue by them), the consultative service (execution
 * plan, who executes, pending questions), out of scope, project offers the client decides, the overrun rule, and the
 * conversation with its attachments.
 */
describe('the service on a ticket, over HTTP', function () {
  this.timeout(120_000);
  let api: ApiHarness;
  let cast: Cast;
  let agentId: string;
  const open = async (extra: Record<string, unknown> = {}, by: HttpClient = cast.clientA) => {
    const id = created(await by.post('/tickets', ticketBody(cast.accountA, extra))).id as string;
    await numbered(cast.agent, id);
    return id;
  };
  const act = async (ticket: string, action: string, by: HttpClient, body: object = {}) => created(await by.post(`/tickets/${ticket}/${action}`, body));

  before(async () => {
    api = await ApiHarness.start({ testClock: true, env: { HOURBANK_ATTACHMENT_MAX_BYTES: '2048', HOURBANK_OVERRUN_MARGIN_PERCENT: '10' } });
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    created(await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 3000, priceCents: 900000 }));
    agentId = created(await cast.manager.post('/users', { email: 'ana@agencia.example', name: 'Ana Técnica', role: 'agent' })).id;
  });
  after(() => api?.close());

  describe('assignee and priority', () => {
    let ticket: string;
    let other: string;
    before(async () => {
      ticket = await open({ title: 'Urgente', priority: 'high' });
      other = await open({ title: 'Normal' });
    });

    it('opens with the priority given (normal otherwise)', async () => {
      expect((await cast.agent.get(`/tickets/${ticket}`)).body.priority).to.equal('high');
      expect((await cast.agent.get(`/tickets/${other}`)).body.priority ?? 'normal').to.equal('normal');
    });

    it('assigns the ticket to a staff user, by name in the view', async () => {
      const outcome = created(await cast.manager.put(`/tickets/${ticket}/assignee`, { userId: agentId }));
      expect(typesOf(outcome)).to.include('TicketAssigned');
      expect((await cast.agent.get(`/tickets/${ticket}`)).body.assignee).to.deep.equal({ userId: agentId, name: 'Ana Técnica' });
    });

    it('refuses a client assigning, and a user nobody knows', async () => {
      refused(await cast.clientA.put(`/tickets/${ticket}/assignee`, { userId: agentId }), 403);
      refused(await cast.agent.put(`/tickets/${ticket}/assignee`, { userId: 'nobody' }), 422, 'USER_IS_UNKNOWN');
    });

    it('filters the list and the queue by assignee (a user, none) and by priority', async () => {
      await settle(cast.manager);
      const titles = (result: HttpResult<any>) => (result.body.items as { title: string }[]).map((item) => item.title).sort();
      expect(titles(await cast.agent.get(`/tickets?assignee=${agentId}`))).to.deep.equal(['Urgente']);
      expect(titles(await cast.agent.get('/tickets?assignee=none'))).to.deep.equal(['Normal']);
      expect(titles(await cast.agent.get('/queue?assignee=none'))).to.deep.equal(['Normal']);
      expect(titles(await cast.agent.get('/queue?priority=high'))).to.deep.equal(['Urgente']);
      const listed = (await cast.agent.get(`/tickets?assignee=${agentId}`)).body.items[0];
      expect(listed).to.include({ assigneeId: agentId, priority: 'high' });
    });

    it('puts the urgent first when the queue is ordered by priority', async () => {
      created(await cast.agent.put(`/tickets/${other}/priority`, { priority: 'urgent' }));
      await settle(cast.manager);
      const order = ((await cast.agent.get('/queue?order=priority')).body.items as { title: string }[]).map((item) => item.title);
      expect(order.slice(0, 2)).to.deep.equal(['Normal', 'Urgente']);
      refused(await cast.agent.put(`/tickets/${other}/priority`, { priority: 'whenever' }), 400);
    });

    it('unassigns', async () => {
      created(await cast.agent.delete(`/tickets/${ticket}/assignee`));
      expect((await cast.agent.get(`/tickets/${ticket}`)).body.assignee).to.equal(undefined);
    });
  });

  describe('the consultative service (seed 001)', () => {
    let session: string;
    before(async () => {
      session = await open({ title: 'Acompanhamento do painel', category: 'technical_follow_up', participants: ['Ana', 'Bruno'] });
    });

    it('allows at most 4 participants in a technical follow-up', async () => {
      const five = ['a', 'b', 'c', 'd', 'e'];
      const result = await cast.clientA.post('/tickets', ticketBody(cast.accountA, { category: 'technical_follow_up', participants: five }));
      refused(result, 422, 'TECHNICAL_FOLLOW_UP_ALLOWS_AT_MOST_4_PARTICIPANTS');
    });

    it('needs an execution plan on the first estimate, and records who executes it', async () => {
      refused(await cast.agent.post(`/tickets/${session}/estimate`, { minutes: 120, expectedDeliveryAt: DELIVERY }), 422);
      const outcome = await act(session, 'estimate', cast.agent, {
        minutes: 120, expectedDeliveryAt: DELIVERY, executionPlan: { plan: '1. Revisar o painel\n2. Criar os filtros juntos', executedBy: 'clientAssisted' },
      });
      expect(typesOf(outcome)).to.include.members(['TicketEstimated', 'ExecutionPlanAgreed']);
      expect((await cast.clientA.get(`/tickets/${session}`)).body.executionPlan).to.deep.equal({ plan: '1. Revisar o painel\n2. Criar os filtros juntos', executedBy: 'clientAssisted' });
      refused(await cast.agent.post(`/tickets/${session}/estimate`, { minutes: 120, expectedDeliveryAt: DELIVERY, executionPlan: { plan: 'x', executedBy: 'robot' } }), 400);
    });

    it('keeps a pending question open after delivery and close, and answers it then', async () => {
      const recorded = await act(session, 'pending-questions', cast.agent, { question: 'Por que o filtro de região zera o total?' });
      const questionId = recorded.events.find((e: { type: string }) => e.type === 'PendingQuestionRecorded').data.questionId;
      await act(session, 'time-entries', cast.agent, { minutes: 90, activity: 'training', performedOn: '2030-06-04' });
      await act(session, 'delivery', cast.agent, { summary: 'Sessão feita' });
      await act(session, 'acceptance', cast.clientA);
      expect((await cast.clientA.get(`/tickets/${session}`)).body.pendingQuestions[questionId]).to.include({ question: 'Por que o filtro de região zera o total?' })
        .and.not.have.property('answer');
      await act(session, `pending-questions/${questionId}/answer`, cast.agent, { answer: 'O filtro usa a região do cliente, não a da venda.' });
      const view = (await cast.clientA.get(`/tickets/${session}`)).body;
      expect(view.status).to.equal('closed');
      expect(view.pendingQuestions[questionId]).to.include({ answer: 'O filtro usa a região do cliente, não a da venda.' });
      refused(await cast.clientA.post(`/tickets/${session}/pending-questions`, { question: 'x' }), 403);
      refused(await cast.agent.post(`/tickets/${session}/pending-questions/unknown/answer`, { answer: 'x' }), 404, 'PENDING_QUESTION_NOT_FOUND');
    });
  });

  describe('out of scope and project offers', () => {
    it('refuses a demand out of scope with the reason: the ticket ends', async () => {
      const ticket = await open({ title: 'Hospedar no Windows' });
      const outcome = await act(ticket, 'out-of-scope', cast.agent, { reason: 'unsupported_hosting', note: 'Servidor Windows não homologado', resolution: 'refuse' });
      expect(typesOf(outcome)).to.deep.equal(['TicketMarkedOutOfScope', 'TicketCancelled']);
      const view = (await cast.clientA.get(`/tickets/${ticket}`)).body;
      expect(view).to.include({ status: 'cancelled' });
      expect(view.outOfScope).to.deep.equal({ reason: 'unsupported_hosting', note: 'Servidor Windows não homologado' });
      refused(await cast.agent.post(`/tickets/${await open()}/out-of-scope`, { reason: 'astrology', note: 'x', resolution: 'refuse' }), 400);
    });

    it('escalates one to a project; the client declines the offer, then accepts the next', async () => {
      const ticket = await open({ title: 'Novo módulo de estoque' });
      expect(typesOf(await act(ticket, 'out-of-scope', cast.agent, { reason: 'feature_evolution', note: 'É um projeto', resolution: 'escalate' })))
        .to.deep.equal(['TicketMarkedOutOfScope', 'TicketEscalated']);
      const first = (await act(ticket, 'project-offer', cast.manager, { expectedMinutes: 2400, priceCents: 1200000 })).events[0].data.offerId;
      refused(await cast.agent.post(`/tickets/${ticket}/project-offer/decision`, { decision: 'accept', offerId: first }), 403);
      expect(typesOf(await act(ticket, 'project-offer/decision', cast.clientA, { decision: 'decline', offerId: first, reason: 'Fora do orçamento' })))
        .to.deep.equal(['ProjectOfferDeclined']);
      const second = (await act(ticket, 'project-offer', cast.manager, { expectedMinutes: 1800, priceCents: 900000 })).events[0].data.offerId;
      refused(await cast.clientA.post(`/tickets/${ticket}/project-offer/decision`, { decision: 'accept', offerId: first }), 422, 'PROJECT_OFFER_CHANGED');
      expect(typesOf(await act(ticket, 'project-offer/decision', cast.clientA, { decision: 'accept', offerId: second }))).to.deep.equal(['ProjectOfferAccepted']);
      refused(await cast.clientB.post(`/tickets/${ticket}/project-offer/decision`, { decision: 'accept', offerId: second }), 404);
    });
  });

  describe('the overrun rule', () => {
    let ticket: string;
    before(async () => {
      ticket = await open({ title: 'Migração do banco' });
      await act(ticket, 'estimate', cast.agent, { minutes: 100, expectedDeliveryAt: DELIVERY });
      await act(ticket, 'time-entries', cast.agent, { minutes: 100, activity: 'development', performedOn: '2030-06-04' });
    });

    it('logs up to the estimate plus the margin, and refuses a minute more', async () => {
      await act(ticket, 'time-entries', cast.agent, { minutes: 10, activity: 'development', performedOn: '2030-06-04' });
      refused(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 1, activity: 'development', performedOn: '2030-06-04' }), 422, 'TIME_BEYOND_APPROVED_ESTIMATE_NEEDS_APPROVAL');
    });

    it('asks the client for more; nothing is logged while the client decides; once approved the time fits', async () => {
      expect(typesOf(await act(ticket, 'overrun-requests', cast.agent, { additionalMinutes: 60, reason: 'O banco tem mais tabelas' }))).to.include('OverrunApprovalRequested');
      expect((await cast.clientA.get(`/tickets/${ticket}`)).body.pendingOverrun).to.include({ previousEstimatedMinutes: 100, estimatedMinutes: 160 });
      refused(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 5, activity: 'development', performedOn: '2030-06-04' }), 422);
      expect(typesOf(await act(ticket, 'approval', cast.clientA, { decision: 'approve' }))).to.include('OverrunApproved');
      await act(ticket, 'time-entries', cast.agent, { minutes: 50, activity: 'development', performedOn: '2030-06-05' });
      const view = (await cast.agent.get(`/tickets/${ticket}`)).body;
      expect(view).to.include({ loggedMinutes: 160, status: 'inProgress' });
      expect(view.estimate).to.include({ estimatedMinutes: 160 });
      expect(view.pendingOverrun).to.equal(undefined);
    });

    it("shows in the month's report: which ticket, how much more, who approved and when, in the JSON and the CSV", async () => {
      const number = (await cast.agent.get(`/tickets/${ticket}`)).body.number as number;
      const report = await cast.clientA.get(`/accounts/${cast.accountA}/reports/2030-06`);
      expect(report.status, report.text).to.equal(200);
      expect(report.body.overruns.approvedMinutes, report.text).to.equal(60);
      expect(report.body.overruns.items).to.have.length(1);
      expect(report.body.overruns.items[0]).to.include({
        ticketId: ticket, number, title: 'Migração do banco', additionalMinutes: 60, previousEstimatedMinutes: 100, estimatedMinutes: 160,
        reason: 'O banco tem mais tabelas', status: 'approved', decidedByRole: 'client', decidedBy: 'client-a', decidedAt: '2030-06-04T12:00:00Z',
      });
      expect(report.body.packageSales).to.deep.equal({ count: 1, minutes: 3000, revenueCents: 900000, unpricedCount: 0 });
      const summary = await cast.clientA.get(`/accounts/${cast.accountA}/reports/2030-06?format=csv-summary`);
      expect(summary.text).to.include('Pedidos de horas além da estimativa;1;').and.include('Horas adicionais aprovadas;1:00;60');
      expect(summary.text).to.include('Receita de pacotes do período;R$ 9.000,00;');
      const movements = await cast.clientA.get(`/accounts/${cast.accountA}/reports/2030-06?format=csv`);
      expect(movements.text).to.include(';Pacote;').and.include('Preço: R$ 9.000,00');
    });
  });

  describe('the conversation', () => {
    let ticket: string;
    let attachmentId: string;
    before(async () => {
      ticket = await open({ title: 'Erro na tela de login' });
    });

    it('takes a public message from the client and an internal note from staff', async () => {
      expect(typesOf(await act(ticket, 'messages', cast.clientA, { body: 'Resultado esperado: entrar sem erro.' }))).to.deep.equal(['MessagePosted']);
      expect(typesOf(await act(ticket, 'messages', cast.agent, { body: 'Parece o cache do CDN', visibility: 'internal' }))).to.deep.equal(['InternalNoteAdded']);
      refused(await cast.clientA.post(`/tickets/${ticket}/messages`, { body: 'psst', visibility: 'internal' }), 422, 'ONLY_STAFF_WRITE_INTERNAL_NOTES');
      refused(await cast.clientA.post(`/tickets/${ticket}/messages`, { body: '   ' }), 422, 'MESSAGE_IS_EMPTY');
    });

    it('never shows the client an internal note; staff see everything in order', async () => {
      const forClient = (await cast.clientA.get(`/tickets/${ticket}/conversation`)).body.events.map((e: { type: string }) => e.type);
      expect(forClient).to.deep.equal(['MessagePosted']);
      const forStaff = (await cast.agent.get(`/tickets/${ticket}/conversation`)).body.events.map((e: { type: string }) => e.type);
      expect(forStaff).to.deep.equal(['MessagePosted', 'InternalNoteAdded']);
      refused(await cast.clientB.get(`/tickets/${ticket}/conversation`), 404);
    });

    it('stores an upload content-addressed and posts it with a message; the same file twice is stored once', async () => {
      const upload = () => cast.clientA.request('POST', `/tickets/${ticket}/attachments?name=tela-erro.png`, { rawBody: PNG, headers: { 'content-type': 'image/png' } });
      const first = created(await upload());
      const uploaded = first.events.find((e: { type: string }) => e.type === 'AttachmentUploaded').data;
      attachmentId = uploaded.attachmentId;
      expect(uploaded).to.include({ name: 'tela-erro.png', mediaType: 'image/png', size: PNG.length });
      expect(attachmentId).to.match(/^[0-9a-f]{64}$/);
      expect(created(await upload()).events).to.deep.equal([]);
      const posted = await act(ticket, 'messages', cast.clientA, { body: 'A tela', attachments: [{ attachmentId }] });
      expect(posted.events[0].data.attachments).to.deep.equal([{ attachmentId, name: 'tela-erro.png', mediaType: 'image/png', size: PNG.length }]);
    });

    it('gives the file back to whoever may see it, byte for byte, never to another client', async () => {
      const download = await cast.agent.get(`/tickets/${ticket}/attachments/${attachmentId}`);
      expect(download.status).to.equal(200);
      expect(download.headers.get('content-type')).to.match(/^image\/png/);
      expect(download.headers.get('content-disposition')).to.match(/^attachment; filename="tela-erro.png"/);
      expect(download.bytes.equals(PNG)).to.equal(true);
      expect((await cast.clientA.get(`/tickets/${ticket}/attachments/${attachmentId}`)).status).to.equal(200);
      refused(await cast.clientB.get(`/tickets/${ticket}/attachments/${attachmentId}`), 404);
    });

    it('refuses a file that is not what it says, a type not allowed, one too large, and a message naming a file not uploaded here', async () => {
      const send = (bytes: Buffer, type: string) => cast.clientA.request('POST', `/tickets/${ticket}/attachments?name=x`, { rawBody: bytes, headers: { 'content-type': type } });
      refused(await send(Buffer.from('not a png at all'), 'image/png'), 422, 'ATTACHMENT_CONTENT_DOES_NOT_MATCH_ITS_TYPE');
      refused(await send(Buffer.from('MZ\x90\x00'), 'application/x-msdownload'), 422, 'ATTACHMENT_TYPE_NOT_ALLOWED');
      refused(await send(Buffer.alloc(4096, 0x41), 'text/plain'), 413);
      refused(await cast.clientA.post(`/tickets/${ticket}/messages`, { body: 'x', attachments: [{ attachmentId: 'a'.repeat(64) }] }), 422, 'ATTACHMENT_NOT_UPLOADED_TO_THIS_TICKET');
      const conversation = (await cast.agent.get(`/tickets/${ticket}/conversation`)).body.events.map((e: { type: string }) => e.type);
      expect(conversation).to.deep.equal(['MessagePosted', 'InternalNoteAdded', 'AttachmentUploaded', 'MessagePosted']);
    });
  });
});
