import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { post } from '../api/client';
import { useAccountNames } from '../api/hooks';
import { Form, Page, Select, TextArea, TextField } from '../components/ui';
import { t } from '../strings';

/** Sessions with people (training, technical follow-up): at most 4 participants. Recurring maintenance opens by schedule only. */
const SESSIONS = ['training', 'technical_follow_up'];

/** Open a ticket: a client on its own accounts, an agent on any, with a priority; training takes up to 4 participants. */
export function NewTicketPage() {
  const { accounts } = useAccountNames();
  const [accountId, setAccountId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState('support');
  const [participants, setParticipants] = useState('');
  const [priority, setPriority] = useState('normal');
  const navigate = useNavigate();
  const client = useQueryClient();
  const chosen = accountId || accounts[0]?.accountId || '';
  return (
    <Page title={t.tickets.newTitle}>
      <Form submit={t.tickets.open} className="wide" onSubmit={async () => {
        const names = SESSIONS.includes(category) ? participants.split('\n').map((p) => p.trim()).filter(Boolean) : [];
        const opened = await post<{ id: string }>('/tickets', { accountId: chosen, title, description, category, priority, ...(names.length > 0 && { participants: names }) });
        await client.invalidateQueries({ queryKey: ['tickets'] });
        navigate(`/chamados/${opened.id}`);
      }}>
        <Select label={t.tickets.account} value={chosen} onChange={setAccountId} options={accounts.map((a) => [a.accountId, a.clientName] as const)} required />
        <TextField label={t.tickets.title} value={title} onChange={setTitle} required />
        <TextArea label={t.tickets.description} value={description} onChange={setDescription} required rows={5} />
        <Select label={t.tickets.category} value={category} onChange={setCategory} options={Object.entries(t.categories).filter(([code]) => code !== 'recurring_maintenance')} />
        <Select label={t.tickets.priority} hint={t.tickets.priorityHelp} value={priority} onChange={setPriority} options={Object.entries(t.priorities)} />
        {SESSIONS.includes(category) && <TextArea label={t.tickets.participants} hint={t.tickets.participantsHelp} value={participants} onChange={setParticipants} rows={4} />}
      </Form>
    </Page>
  );
}
