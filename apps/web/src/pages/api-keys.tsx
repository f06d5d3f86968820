import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { post } from '../api/client';
import { keys, useApiKeys } from '../api/hooks';
import { dateTime } from '../format';
import { Badge, Details, ErrorBox, Form, Loading, Page, Select, TextField } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';

/** Named, revocable bearer credentials for machines; the secret is shown once. */
export function ApiKeysPage() {
  const { user } = useSession();
  const list = useApiKeys();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState('auditor');
  const [token, setToken] = useState<string>();
  const [reason, setReason] = useState('');
  const manager = user?.role === 'manager';
  return (
    <Page title={t.keys.title}>
      <p className="muted">{t.keys.help}</p>
      {manager && (
        <Details summary={t.keys.create}>
          <Form submit={t.keys.create} onSubmit={async () => {
            setToken((await post<{ token: string }>('/api-keys', { name, role })).token);
            await client.invalidateQueries({ queryKey: keys.apiKeys() });
          }}>
            <TextField label={t.keys.name} value={name} onChange={setName} required />
            <Select label={t.keys.role} value={role} onChange={setRole} options={(['auditor', 'agent', 'manager'] as const).map((r) => [r, t.roles[r]!] as const)} />
          </Form>
        </Details>
      )}
      {token && <div className="notice" role="status">{t.keys.shownOnce}<br /><code className="copy">{token}</code></div>}
      <ErrorBox error={list.error} />
      {list.isPending ? <Loading /> : (
        <table className="table">
          <thead><tr><th scope="col">{t.keys.name}</th><th scope="col">{t.keys.role}</th><th scope="col">{t.keys.created}</th><th scope="col">{t.users.status}</th><th scope="col"><span className="sr-only">{t.keys.revoke}</span></th></tr></thead>
          <tbody>
            {list.data!.items.map((key) => (
              <tr key={key.keyId}>
                <td data-label={t.keys.name}>{key.name}</td>
                <td data-label={t.keys.role}>{t.roles[key.role]}</td>
                <td data-label={t.keys.created}>{dateTime(key.createdAt)}</td>
                <td data-label={t.users.status}>{key.revokedAt ? <Badge>{t.keys.revoked} {dateTime(key.revokedAt)}</Badge> : <Badge tone="ok">{t.keys.active}</Badge>}</td>
                <td>{manager && !key.revokedAt && (
                  <Form submit={t.keys.revoke} onSubmit={async () => { await post(`/api-keys/${key.keyId}/revocation`, { reason: reason || t.keys.revoke }); await client.invalidateQueries({ queryKey: keys.apiKeys() }); }}>
                    <TextField label={t.keys.reason} value={reason} onChange={setReason} />
                  </Form>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
