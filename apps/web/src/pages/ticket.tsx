import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { del, post, put } from '../api/client';
import { keys, useAccount, useStaff, useTicket, useTicketHistory } from '../api/hooks';
import type { Account, HistoryEvent, Ticket } from '../api/types';
import { dateTime, hm, ticketLabel, brl } from '../format';
import { SlaLine, StatusBadge } from '../components/ticket-bits';
import { Timeline } from '../components/timeline';
import { Card, ErrorBox, Form, Loading, Page, Select } from '../components/ui';
import { Conversation } from '../components/conversation';
import { isStaff, useSession } from '../session';
import { t } from '../strings';
import { ClientActions, StaffActions } from './ticket-actions';

export type Act = (path: string, body?: unknown) => Promise<void>;

function useAct(ticketId: string, accountId: string | undefined): Act {
  const client = useQueryClient();
  return async (path, body = {}) => {
    await post(`/tickets/${ticketId}/${path}`, body);
    await Promise.all([
      client.invalidateQueries({ queryKey: keys.ticket(ticketId) }),
      client.invalidateQueries({ queryKey: keys.ticketHistory(ticketId) }),
      client.invalidateQueries({ queryKey: ['tickets'] }),
      accountId ? client.invalidateQueries({ queryKey: keys.account(accountId) }) : Promise.resolve(),
    ]);
  };
}

function Entries({ ticket }: { ticket: Ticket }) {
  const entries = Object.entries(ticket.entries);
  if (entries.length === 0) return null;
  const corrections = Object.values(ticket.corrections);
  return (
    <Card title={t.tickets.entries}>
      <table className="table">
        <thead><tr><th scope="col">{t.actions.performedOn}</th><th scope="col">{t.actions.activity}</th><th scope="col">{t.actions.duration}</th><th scope="col">{t.actions.note}</th></tr></thead>
        <tbody>
          {entries.map(([id, entry]) => {
            const delta = corrections.filter((c) => c.entryId === id).reduce((sum, c) => sum + c.minutesDelta, 0);
            return (
              <tr key={id}>
                <td data-label={t.actions.performedOn}>{entry.performedOn.split('-').reverse().join('/')}</td>
                <td data-label={t.actions.activity}>{t.activities[entry.activity]}</td>
                <td data-label={t.actions.duration}>{hm(entry.minutes)}{delta !== 0 && <span className="muted"> ({delta > 0 ? '+' : ''}{hm(delta)})</span>}</td>
                <td data-label={t.actions.note}>{entry.note}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p><strong>{t.tickets.logged}: {hm(ticket.loggedMinutes)}</strong></p>
    </Card>
  );
}

function Summary({ ticket, account }: { ticket: Ticket; account?: Account }) {
  const zone = account?.timeZone;
  return (
    <Card>
      <div className="meta">
        <StatusBadge status={ticket.status} />
        <span>{account ? <Link to={`/contas/${ticket.accountId}`}>{account.clientName}</Link> : ticket.accountId}</span>
        <span>· {t.categories[ticket.category]}</span>
        <span>· {t.tickets.opened} {dateTime(ticket.openedAt, zone)}</span>
      </div>
      <p>
        {t.tickets.assignee}: <strong>{ticket.assignee?.name ?? t.tickets.nobody}</strong> · {t.tickets.priority}: <strong>{t.priorities[ticket.priority ?? 'normal']}</strong>
      </p>
      {ticket.participants.length > 0 && <p>{t.tickets.participants}: {ticket.participants.join(', ')}</p>}
      {ticket.estimate && <p>{t.tickets.estimate}: <strong>{hm(ticket.estimate.estimatedMinutes)}</strong> · {t.tickets.expected} {dateTime(ticket.estimate.expectedDeliveryAt, zone)}</p>}
      {ticket.projectOffer && <p>{t.tickets.offer}: {hm(ticket.projectOffer.expectedMinutes)} · {brl(ticket.projectOffer.priceCents)}</p>}
      <div className="sla">
        {ticket.sla.firstResponse && <SlaLine timer={ticket.sla.firstResponse} timeZone={zone} />}
        {ticket.sla.deliveryPromise && <SlaLine timer={ticket.sla.deliveryPromise} timeZone={zone} />}
      </div>
    </Card>
  );
}

const lastQuestion = (events: readonly HistoryEvent[]): string | undefined =>
  [...events].reverse().find((e) => e.type === 'ClarificationRequested')?.data.question as string | undefined;

/** Staff: who works the ticket (any agent or manager, or oneself) and how urgent it is. */
function Assignment({ ticket, me }: { ticket: Ticket; me: string }) {
  const staff = useStaff();
  const client = useQueryClient();
  const [assignee, setAssignee] = useState(ticket.assignee?.userId ?? '');
  const [priority, setPriority] = useState<string>(ticket.priority ?? 'normal');
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: keys.ticket(ticket.ticketId) }), client.invalidateQueries({ queryKey: ['tickets'] })]);
  return (
    <Card title={t.tickets.assignee}>
      <Form submit={t.tickets.assign} done={t.actions.done} onSubmit={async () => {
        await (assignee === '' ? del(`/tickets/${ticket.ticketId}/assignee`) : put(`/tickets/${ticket.ticketId}/assignee`, { userId: assignee }));
        await refresh();
      }}>
        <Select label={t.tickets.assignee} value={assignee} onChange={setAssignee} options={[['', t.tickets.nobody], ...staff.map((person) => [person.id, person.id === me ? `${person.name} (${t.common.you})` : person.name] as const)]} />
      </Form>
      <Form submit={t.tickets.setPriority} done={t.actions.done} onSubmit={async () => {
        await put(`/tickets/${ticket.ticketId}/priority`, { priority });
        await refresh();
      }}>
        <Select label={t.tickets.priority} value={priority} onChange={setPriority} options={Object.entries(t.priorities)} />
      </Form>
    </Card>
  );
}

/** A ticket: what it is, its timers, every action the signed-in person may take now, and its whole timeline. */
export function TicketPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const ticket = useTicket(id);
  const history = useTicketHistory(id);
  const account = useAccount(ticket.data?.accountId);
  const act = useAct(id, ticket.data?.accountId);
  if (ticket.isPending) return <Loading />;
  if (ticket.isError) return <Page title={t.common.notFound}><ErrorBox error={ticket.error} /></Page>;
  const data = ticket.data;
  const events = history.data?.events ?? [];
  return (
    <Page title={`${ticketLabel(data.number)} ${data.title}`}>
      <div className="ticket-grid">
        <div>
          <Summary ticket={data} account={account.data} />
          <Card title={t.tickets.actions}>
            {user && isStaff(user)
              ? <StaffActions ticket={data} account={account.data} user={user} act={act} />
              : <ClientActions ticket={data} account={account.data} user={user!} act={act} question={lastQuestion(events)} />}
          </Card>
          {user && isStaff(user) && data.status !== 'closed' && data.status !== 'cancelled' && <Assignment key={`${data.assignee?.userId}-${data.priority}`} ticket={data} me={user.id} />}
          <Conversation ticketId={id} staff={!!user && isStaff(user)} timeZone={account.data?.timeZone} />
          <Entries ticket={data} />
        </div>
        <Card title={t.tickets.timeline} className="timeline-card">
          <Timeline events={events} timeZone={account.data?.timeZone} />
          {user && isStaff(user) && <p><Link to={`/auditoria?fluxo=ticket-${id}`}>{t.tickets.history}</Link></p>}
        </Card>
      </div>
    </Page>
  );
}
