import { useState } from 'react';
import { Link } from 'react-router';
import { useAccountNames, useTickets } from '../api/hooks';
import { dateTime, hm, ticketLabel } from '../format';
import { StatusBadge } from '../components/ticket-bits';
import { ErrorBox, Loading, Page, Select } from '../components/ui';
import { t } from '../strings';

/** A client's tickets on all its accounts, newest first, with what each waits for. */
export function MyTicketsPage() {
  const [status, setStatus] = useState('');
  const tickets = useTickets({ status });
  const { names } = useAccountNames();
  return (
    <Page title={t.tickets.mine} actions={<Link className="button" to="/novo-chamado">{t.nav.newTicket}</Link>}>
      <div className="filters">
        <Select label={t.queue.status} value={status} onChange={setStatus} options={[['', t.queue.all], ...Object.entries(t.status)]} />
      </div>
      <ErrorBox error={tickets.error} />
      {tickets.isPending ? <Loading /> : tickets.data!.items.length === 0 ? <p>{t.tickets.none}</p> : (
        <table className="table">
          <thead><tr><th scope="col">{t.queue.number}</th><th scope="col">{t.queue.ticket}</th><th scope="col">{t.queue.status}</th><th scope="col">{t.queue.account}</th><th scope="col">{t.tickets.logged}</th><th scope="col">{t.tickets.opened}</th></tr></thead>
          <tbody>
            {tickets.data!.items.map((row) => (
              <tr key={row.ticketId}>
                <td data-label={t.queue.number}>{ticketLabel(row.number)}</td>
                <td data-label={t.queue.ticket}><Link to={`/chamados/${row.ticketId}`}>{row.title}</Link></td>
                <td data-label={t.queue.status}><StatusBadge status={row.status} /></td>
                <td data-label={t.queue.account}>{names(row.accountId)}</td>
                <td data-label={t.tickets.logged}>{hm(row.loggedMinutes)}</td>
                <td data-label={t.tickets.opened}>{dateTime(row.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
