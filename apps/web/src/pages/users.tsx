import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { post, put } from '../api/client';
import { keys, useAccountNames, useUsers } from '../api/hooks';
import type { DirectoryUser, InvitationOutcome } from '../api/types';
import { dateTime } from '../format';
import { Badge, Checkbox, Details, ErrorBox, Form, Loading, Notice, Page, Select, TextField } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';

type Grant = { accountId: string; mayApprove: boolean };

function GrantsEditor({ grants, onChange }: { grants: Grant[]; onChange: (g: Grant[]) => void }) {
  const { accounts } = useAccountNames();
  const [adding, setAdding] = useState('');
  const free = accounts.filter((a) => !grants.some((g) => g.accountId === a.accountId));
  const chosen = adding || free[0]?.accountId || '';
  const { names } = useAccountNames();
  return (
    <fieldset className="grants">
      <legend>{t.users.accounts}</legend>
      {grants.map((g) => (
        <div key={g.accountId} className="grant">
          <span>{names(g.accountId)}</span>
          <Checkbox label={t.users.mayApprove} checked={g.mayApprove} onChange={(v) => onChange(grants.map((x) => (x.accountId === g.accountId ? { ...x, mayApprove: v } : x)))} />
          <button type="button" className="link" onClick={() => onChange(grants.filter((x) => x.accountId !== g.accountId))}>{t.common.cancel}</button>
        </div>
      ))}
      {free.length > 0 && (
        <div className="grant">
          <Select label={t.users.grant} value={chosen} onChange={setAdding} options={free.map((a) => [a.accountId, a.clientName] as const)} />
          <button type="button" onClick={() => { onChange([...grants, { accountId: chosen, mayApprove: true }]); setAdding(''); }}>{t.users.addAccount}</button>
        </div>
      )}
    </fieldset>
  );
}

function InvitationResult({ outcome }: { outcome: InvitationOutcome }) {
  if (outcome.mail === 'sent') return <Notice>{t.users.sent}</Notice>;
  if (outcome.mail === 'notConfigured' && outcome.link) return <div className="notice" role="status">{t.users.notConfigured}<br /><code className="copy">{outcome.link}</code></div>;
  if (outcome.mail === 'failed') return <p className="error" role="alert">{t.users.failed}</p>;
  return null;
}

function InviteForm({ onInvited }: { onInvited: (o: InvitationOutcome) => void }) {
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState('client');
  const [grants, setGrants] = useState<Grant[]>([]);
  const client = useQueryClient();
  return (
    <Form submit={t.users.invite} onSubmit={async () => {
      const outcome = await post<InvitationOutcome>('/users', { email, name, role, ...(role === 'client' && { grants }) });
      onInvited(outcome);
      setEmail('');
      setName('');
      setGrants([]);
      await client.invalidateQueries({ queryKey: keys.users() });
    }}>
      <TextField label={t.users.name} value={name} onChange={setName} required />
      <TextField label={t.users.email} type="email" value={email} onChange={setEmail} required />
      <Select label={t.users.role} value={role} onChange={setRole} options={(['client', 'agent', 'manager', 'auditor'] as const).map((r) => [r, t.roles[r]!] as const)} />
      {role === 'client' && <GrantsEditor grants={grants} onChange={setGrants} />}
    </Form>
  );
}

function UserActions({ user, onInvited }: { user: DirectoryUser; onInvited: (o: InvitationOutcome) => void }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: keys.users() });
  const [role, setRole] = useState<string>(user.role);
  const [grants, setGrants] = useState<Grant[]>([...user.grants]);
  const [reason, setReason] = useState('');
  return (
    <div className="actions">
      {user.status === 'invited' && <Form submit={t.users.resend} onSubmit={async () => { onInvited(await post<InvitationOutcome>(`/users/${user.userId}/invitation`)); await refresh(); }} />}
      {user.role !== 'client' && (
        <Form submit={t.users.changeRole} onSubmit={async () => { await put(`/users/${user.userId}/role`, { role }); await refresh(); }}>
          <Select label={t.users.role} value={role} onChange={setRole} options={(['agent', 'manager', 'auditor'] as const).map((r) => [r, t.roles[r]!] as const)} />
        </Form>
      )}
      {user.role === 'client' && (
        <Form submit={t.users.saveAccess} onSubmit={async () => { await put(`/users/${user.userId}/access`, { grants }); await refresh(); }}>
          <GrantsEditor grants={grants} onChange={setGrants} />
        </Form>
      )}
      {user.status !== 'deactivated'
        ? <Form submit={t.users.deactivate} onSubmit={async () => { await post(`/users/${user.userId}/deactivation`, { reason }); await refresh(); }}><TextField label={t.users.deactivateReason} value={reason} onChange={setReason} required /></Form>
        : <Form submit={t.users.reactivate} onSubmit={async () => { await post(`/users/${user.userId}/reactivation`); await refresh(); }} />}
      <Link to={`/auditoria?fluxo=user-${user.userId}`}>{t.users.history}</Link> · <Link to={`/auditoria?fluxo=signin-${user.userId}`}>{t.users.lastSignIn}</Link>
    </div>
  );
}

/** Users and invitations: a manager invites and changes people; an auditor reads. */
export function UsersPage() {
  const { user: me } = useSession();
  const users = useUsers();
  const { names } = useAccountNames();
  const [outcome, setOutcome] = useState<InvitationOutcome>();
  const manager = me?.role === 'manager';
  return (
    <Page title={t.users.title}>
      {manager && <Details summary={t.users.invite} open><InviteForm onInvited={setOutcome} /></Details>}
      {outcome && <InvitationResult outcome={outcome} />}
      <ErrorBox error={users.error} />
      {users.isPending ? <Loading /> : (
        <ul className="user-list">
          {users.data!.items.map((u) => (
            <li key={u.userId} className="card">
              <div className="user-head">
                <strong>{u.name}</strong> <span className="muted">{u.email}</span>
                <Badge tone="info">{t.roles[u.role]}</Badge>
                <Badge tone={u.status === 'active' ? 'ok' : u.status === 'invited' ? 'warning' : 'muted'}>{t.users.statuses[u.status]}</Badge>
                {u.lockedUntil && Date.parse(u.lockedUntil) > Date.now() && <Badge tone="danger">{t.users.locked} {dateTime(u.lockedUntil)}</Badge>}
              </div>
              {u.grants.length > 0 && <p className="muted">{u.grants.map((g) => `${names(g.accountId)}${g.mayApprove ? ` (${t.users.mayApprove})` : ''}`).join(', ')}</p>}
              <p className="muted">{t.users.lastSignIn}: {u.lastSignInAt ? dateTime(u.lastSignInAt) : t.users.never}</p>
              {manager && u.userId !== me?.id && <Details summary={t.tickets.actions}><UserActions user={u} onInvited={setOutcome} /></Details>}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
