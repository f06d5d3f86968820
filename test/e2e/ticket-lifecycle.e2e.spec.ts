import { expect } from 'chai';
import { ApiHarness } from './support/harness.js';
import { type Cast, castOf, created, openTicket, settle, types } from './support/hour-bank-fixtures.js';
import { type DocumentedOperation, appRoutes, documentedOperations, requiresToken } from './support/openapi-routes.js';

describe('a ticket from open to closed over HTTP', () => {
  let api: ApiHarness;
  let cast: Cast;
  let ticket: string;
  before(async () => {
    api = await ApiHarness.start({ testClock: true });
    // First period next month: no monthly credit lands during the story, the package is the whole balance.
    cast = await castOf(api, { now: '2030-06-04T12:00:00Z', firstPeriod: '2030-07' });
    await cast.manager.post(`/accounts/${cast.accountA}/packages`, { minutes: 600 });
  });
  after(() => api?.close());

  it('opens a ticket with a Location header and the first-response SLA running', async () => {
    const result = await cast.clientA.post('/tickets', {
      accountId: cast.accountA, title: 'Dashboard lento', description: 'Leva 40 s para abrir.', category: 'support',
    });
    expect(result.status).to.equal(201);
    ticket = result.body.id;
    expect(result.headers.get('location')).to.equal(`/tickets/${ticket}`);
    const view = await cast.agent.get(`/tickets/${ticket}`);
    expect(view.body.status).to.equal('open');
    expect(view.body.sla.firstResponse.status).to.equal('running');
  });

  it('goes round a clarification: awaiting the client, then back', async () => {
    created(await cast.agent.post(`/tickets/${ticket}/clarification-requests`, { question: 'Qual dashboard?' }));
    expect((await cast.clientA.get(`/tickets/${ticket}`)).body.status).to.equal('awaitingClarification');
    created(await cast.clientA.post(`/tickets/${ticket}/clarifications`, { answer: 'O de vendas.' }));
    expect((await cast.clientA.get(`/tickets/${ticket}`)).body.status).to.equal('open');
  });

  it('authorizes work when the estimate fits the available minutes', async () => {
    const result = created(await cast.agent.post(`/tickets/${ticket}/estimate`, { minutes: 120, expectedDeliveryAt: '2030-06-06T18:00:00Z' }));
    const estimated = result.events.find((e: { type: string }) => e.type === 'TicketEstimated');
    expect(estimated.data.approvalRequired).to.equal(false);
    expect((await cast.agent.get(`/tickets/${ticket}`)).body.status).to.equal('inProgress');
  });

  it('logs time, delivers, takes a revision, delivers again, and closes on acceptance', async () => {
    created(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 50, activity: 'investigation', performedOn: '2030-06-04' }));
    created(await cast.agent.post(`/tickets/${ticket}/delivery`, { summary: 'Índice criado na tabela de vendas.' }));
    expect((await cast.clientA.get(`/tickets/${ticket}`)).body.status).to.equal('delivered');
    created(await cast.clientA.post(`/tickets/${ticket}/revision-requests`, { reason: 'Ainda lento no mobile.' }));
    expect((await cast.clientA.get(`/tickets/${ticket}`)).body.status).to.equal('inProgress');
    created(await cast.agent.post(`/tickets/${ticket}/time-entries`, { minutes: 25, activity: 'test', performedOn: '2030-06-05', note: 'mobile' }));
    created(await cast.agent.post(`/tickets/${ticket}/delivery`, { summary: 'Cache no endpoint mobile.' }));
    created(await cast.clientA.post(`/tickets/${ticket}/acceptance`, {}));
    const closed = await cast.clientA.get(`/tickets/${ticket}`);
    expect(closed.body.status).to.equal('closed');
    expect(closed.body.loggedMinutes).to.equal(75);
  });

  it('debits the logged minutes from the account once the reactor has run, ending the reservation', async () => {
    await settle(cast.manager);
    const account = (await cast.clientA.get(`/accounts/${cast.accountA}`)).body;
    expect(account).to.include({ balanceMinutes: 600 - 75, reservedMinutes: 0, availableMinutes: 525, currentShortfallMinutes: 0 });
    const ledger = (await cast.clientA.get(`/accounts/${cast.accountA}/ledger`)).body.events as any[];
    expect(ledger.map((e) => e.type)).to.deep.equal(['AccountOpened', 'PackagePurchased', 'EstimateGated', 'MinutesReservedForTicket', 'TicketDebited']);
    const [purchase, gated, reserved, debited] = ledger.slice(1);
    expect(gated.data).to.include({ ticketId: ticket, minutes: 120, availableMinutes: 600, approvalRequired: false });
    expect(reserved.data).to.include({ ticketId: ticket, minutes: 120, estimateId: gated.data.estimateId });
    expect(debited.data).to.include({ ticketId: ticket, minutes: 75, covered: 75, shortfall: 0, period: '2030-06' });
    expect(debited.data.paidBy).to.deep.equal([{ lotId: purchase.data.lotId, minutes: 75 }]);
    expect(debited.metadata).to.include({ actor: 'system' });
  });

  it('shows the whole story in the history, each event with its audit metadata', async () => {
    const history = await cast.auditor.get(`/tickets/${ticket}/history`);
    expect(types(history).filter((type) => type === 'TicketNumbered'), 'numbered once, moments after opening').to.have.length(1);
    expect(types(history).filter((type) => type !== 'TicketNumbered')).to.deep.equal([
      'TicketOpened', 'ClarificationRequested', 'ClarificationProvided', 'TicketEstimated', 'TimeLogged', 'TicketDelivered',
      'RevisionRequested', 'TimeLogged', 'TicketDelivered', 'TicketClosed',
    ]);
    const [opened] = history.body.events;
    expect(opened.metadata).to.include({ actor: 'client-a', role: 'client', occurredAt: '2030-06-04T12:00:00Z' });
    expect(opened.metadata.correlationId).to.be.a('string');
    expect(opened.metadata.causationId).to.be.a('string');
    expect(opened).to.include({ revision: 0, storedType: 'hourbank.ticket.opened.v1' });
    expect(opened.position).to.be.a('number');
    expect(opened.recordedAt).to.be.a('string');
  });

  it('carries the caller\'s X-Correlation-Id into the events', async () => {
    const other = await openTicket(cast.clientA, cast.accountA);
    await cast.agent.post(`/tickets/${other}/clarification-requests`, { question: '?' }, { headers: { 'x-correlation-id': 'corr-42' } });
    const history = await cast.agent.get(`/tickets/${other}/history`);
    const asked = history.body.events.find((e: { type: string }) => e.type === 'ClarificationRequested');
    expect(asked.metadata.correlationId).to.equal('corr-42');
  });

  it('lists the ticket in GET /tickets once the list has caught up, filtered and paged', async () => {
    let page: any;
    for (let i = 0; i < 50; i++) {
      page = (await cast.agent.get(`/tickets?accountId=${cast.accountA}&status=closed&size=10`)).body;
      if (page.total > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(page.items.map((t: { ticketId: string }) => t.ticketId)).to.deep.equal([ticket]);
    expect(page).to.include({ page: 1, size: 10, total: 1 });
  });

  it('documents every route the app serves, and every operation it documents is served', async () => {
    const document = (await api.client.get('/docs/openapi.json')).body;
    const served = appRoutes(api.app).map((r) => r.key).sort();
    const documented = documentedOperations(document).map((o) => o.key).sort();
    expect(served).to.include.members(['post /tickets', 'get /accounts/{id}/reports/{period}', 'post /admin/scheduler/tick', 'get /feed']);
    expect(documented).to.deep.equal(served);
  });

  it('documents 401 and 429 as problem+json on every route that answers 401 without a token', async () => {
    const document = (await api.client.get('/docs/openapi.json')).body;
    const undocumented: string[] = [];
    const guarded: DocumentedOperation[] = [];
    for (const operation of documentedOperations(document)) {
      if (!(await requiresToken(api.client, operation))) continue;
      guarded.push(operation);
      const problems = ['401', '429'].filter((status) => !(operation.responses[status]?.content?.['application/problem+json']));
      if (problems.length > 0) undocumented.push(operation.key);
    }
    expect(guarded.length).to.be.greaterThan(40);
    expect(guarded.map((o) => o.key)).to.not.include.members(['get /health', 'get /asyncapi.json']);
    expect(undocumented).to.deep.equal([]);
  });
});

