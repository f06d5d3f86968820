import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router';
import { post } from '../api/client';
import { keys, useAccounts } from '../api/hooks';
import { usePlanOptions } from '../components/plan-options';
import { currentPeriod, hm, parseHm, reais } from '../format';
import { Badge, Details, ErrorBox, Form, Loading, Page, Select, TextField } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';


function OpenAccountForm() {
  const [clientName, setClientName] = useState('');
  const [kind, setKind] = useState('plan');
  const [plan, setPlan] = useState('START');
  const [firstPeriod, setFirstPeriod] = useState(currentPeriod());
  const [rate, setRate] = useState('150,00');
  const [contracted, setContracted] = useState('20:00');
  const [lastPeriod, setLastPeriod] = useState('');
  const client = useQueryClient();
  const navigate = useNavigate();
  const plans = usePlanOptions(firstPeriod);
  return (
    <Form submit={t.accounts.open} onSubmit={async () => {
      const body = {
        clientName, kind, firstPeriod, overageRateCentsPerHour: reais(rate),
        ...(kind === 'plan' && { plan }), ...(kind === 'plan' && plan === 'CUSTOM' && { contractedMinutes: parseHm(contracted) }),
        ...(lastPeriod.trim() !== '' && { lastPeriod: lastPeriod.trim() }),
      };
      const opened = await post<{ id: string }>('/accounts', body);
      await client.invalidateQueries({ queryKey: keys.accounts() });
      navigate(`/contas/${opened.id}`);
    }}>
      <TextField label={t.accounts.clientName} value={clientName} onChange={setClientName} required />
      <Select label={t.accounts.kind} value={kind} onChange={setKind} options={Object.entries(t.accounts.kinds)} />
      {kind === 'plan' && <Select label={t.accounts.plan} value={plan} onChange={setPlan} options={plans} />}
      {kind === 'plan' && plan === 'CUSTOM' && <TextField label={t.accounts.contracted} value={contracted} onChange={setContracted} required />}
      <TextField label={t.accounts.firstPeriod} value={firstPeriod} onChange={setFirstPeriod} required />
      <TextField label={t.accounts.overageRate} value={rate} onChange={setRate} required />
      <TextField label={t.accounts.fixedTerm} value={lastPeriod} onChange={setLastPeriod} placeholder="2027-12" hint={t.accounts.fixedTermHelp} />
    </Form>
  );
}

/** Every account with its balance; a client with one account goes straight to it. */
export function AccountsPage() {
  const { user } = useSession();
  const accounts = useAccounts();
  if (accounts.isPending) return <Loading />;
  const items = accounts.data?.items ?? [];
  if (user?.role === 'client' && items.length === 1) return <Navigate to={`/contas/${items[0]!.accountId}`} replace />;
  return (
    <Page title={t.accounts.title}>
      <ErrorBox error={accounts.error} />
      {user?.role === 'manager' && <Details summary={t.accounts.open}><OpenAccountForm /></Details>}
      {items.length === 0 ? <p>{t.accounts.none}</p> : (
        <table className="table">
          <thead><tr><th scope="col">{t.accounts.clientName}</th><th scope="col">{t.accounts.plan}</th><th scope="col">{t.accounts.balance}</th><th scope="col">{t.accounts.available}</th><th scope="col">{t.accounts.status}</th></tr></thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.accountId}>
                <td data-label={t.accounts.clientName}><Link to={`/contas/${a.accountId}`}>{a.clientName}</Link></td>
                <td data-label={t.accounts.plan}>{a.plan?.code ?? t.accounts.packageOnly}</td>
                <td data-label={t.accounts.balance}>{hm(a.balanceMinutes)}</td>
                <td data-label={t.accounts.available}>{hm(a.availableMinutes)}</td>
                <td data-label={t.accounts.status}><Badge tone={a.status === 'open' ? 'ok' : 'muted'}>{t.accounts.statusOf[a.status]}</Badge></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
