import { useState } from 'react';
import { Link } from 'react-router';
import { useAccountNames, useQueue, useStaff } from '../api/hooks';
import { useSession } from '../session';
import { dateTime, hm, ticketLabel } from '../format';
import { SlaLine, StatusBadge, UrgencyBadge } from '../components/ticket-bits';
import { Badge, ErrorBox, Loading, Page, Select } from '../components/ui';
import { t } from '../strings';

const STATUSES = ['open', 'awaitingClarification', 'awaitingApproval', 'rejected', 'inProgress', 'delivered', 'closed', 'cancelled', 'escalated'];

/** The agent's queue: ordered by SLA due time, breached and at risk first; live as events arrive. */
export function QueuePage() {
  const [status, setStatus] = useState('');
  const [accountId, setAccountId] = useState('');
  const [category, setCategory] = useState('');
  const [assignee, setAssignee] = useState('');
  const [priority, setPriority] = useState('');
  const [order, setOrder] = useState('');
  const queue = useQueue({ status, accountId, category, assignee, priority, order });
  const { names, accounts } = useAccountNames();
  const { user } = useSession();
  const others = useStaff().filter((person) => person.id !== user?.id);
  return (
    <Page title={t.queue.title}>
      <p className="muted">{t.queue.help}</p>
      <div className="filters" role="search">
        <Select label={t.queue.status} value={status} onChange={setStatus} options={[['', t.queue.allStatuses], ...STATUSES.map((s) => [s, t.status[s]!] as const)]} />
        <Select label={t.queue.account} value={accountId} onChange={setAccountId} options={[['', t.queue.all], ...accounts.map((a) => [a.accountId, a.clientName] as const)]} />
        <Select label={t.queue.category} value={category} onChange={setCategory} options={[['', t.queue.all], ...Object.entries(t.categories)]} />
        <Select label={t.queue.assignee} value={assignee} onChange={setAssignee} options={[['', t.queue.anyone], ['me', t.queue.mine], ['none', t.queue.unassigned], ...others.map((person) => [person.id, person.name] as const)]} />
        <Select label={t.queue.priority} value={priority} onChange={setPriority} options={[['', t.queue.all], ...Object.entries(t.priorities)]} />
        <Select label={t.queue.order} value={order} onChange={setOrder} options={[['', t.queue.bySla], ['priority', t.queue.byPriority]]} />
      </div>
      <ErrorBox error={queue.error} />
      {queue.isPending ? <Loading /> : queue.data!.items.length === 0 ? <p>{t.queue.empty}</p> : (
        <ol className="queue">
          {queue.data!.items.map((item) => (
            <li key={item.ticketId} className={`queue-item ${item.urgency}`}>
              <div className="queue-main">
                <Link to={`/chamados/${item.ticketId}`} className="ticket-link">
                  <span className="number">{ticketLabel(item.number)}</span> {item.title}
                </Link>
                <div className="meta">
                  <UrgencyBadge urgency={item.urgency} /> <StatusBadge status={item.status} />
                  {item.priority && item.priority !== 'normal' && <> <Badge tone={item.priority === 'urgent' ? 'danger' : item.priority === 'high' ? 'warning' : 'muted'}>{t.priorities[item.priority]}</Badge></>}
                  {item.assignee && <span> {t.tickets.assignee}: {item.assignee.name} ·</span>}
                  <span>{names(item.accountId)}</span> · <span>{t.categories[item.category]}</span> · <span>{t.tickets.opened} {dateTime(item.openedAt)}</span>
                  {item.estimatedMinutes !== null && <span> · {t.tickets.estimate} {hm(item.estimatedMinutes)}</span>}
                </div>
              </div>
              <div className="queue-sla">{item.sla ? <SlaLine timer={item.sla} /> : <span className="muted">{t.sla.none}</span>}</div>
            </li>
          ))}
        </ol>
      )}
    </Page>
  );
}
