import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { post, put } from '../api/client';
import { useAccount, useLedger, usePersonName } from '../api/hooks';
import type { Account, HistoryEvent } from '../api/types';
import { dateTime, hm, nextPeriods, parseHm, previousPeriods, reais } from '../format';
import { usePlanOptions } from '../components/plan-options';
import { Badge, Card, Details, ErrorBox, Form, Loading, Page, Select, TextField } from '../components/ui';
import { isStaff, useSession } from '../session';
import { AlertsCard, ContractEndCard, MaintenanceCard, ServiceCard, TermsCard } from './account-contract';
import { t } from '../strings';

const NINETY_DAYS_MS = 90 * 86_400_000;

function Lots({ account }: { account: Account }) {
  const soon = Date.now() + NINETY_DAYS_MS;
  if (account.lots.length === 0) return <p className="muted">{t.accounts.noLots}</p>;
  const expiring = account.lots.filter((lot) => Date.parse(lot.expiresAt) < soon).reduce((sum, lot) => sum + lot.minutes, 0);
  return (
    <>
    {expiring > 0 && <p className="warning">{t.accounts.expiringTotal(hm(expiring))}</p>}
    <table className="table">
      <thead><tr><th scope="col">{t.accounts.lot}</th><th scope="col">{t.accounts.source}</th><th scope="col">{t.accounts.balance}</th><th scope="col">{t.accounts.expires}</th></tr></thead>
      <tbody>
        {account.lots.map((lot) => (
          <tr key={lot.lotId} className={Date.parse(lot.expiresAt) < soon ? 'expiring' : ''}>
            <td data-label={t.accounts.lot}>{lot.period}</td>
            <td data-label={t.accounts.source}>{t.accounts.sources[lot.source] ?? lot.source}</td>
            <td data-label={t.accounts.balance}>{hm(lot.minutes)}</td>
            <td data-label={t.accounts.expires}>{dateTime(lot.expiresAt, account.timeZone)} {Date.parse(lot.expiresAt) < soon && <Badge tone="warning">{t.accounts.expiringSoon}</Badge>}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </>
  );
}

function Reports({ account, canIssue }: { account: Account; canIssue: boolean }) {
  const periods = previousPeriods(13, account.timeZone);
  const [period, setPeriod] = useState(periods[1] ?? periods[0]!);
  const [diff, setDiff] = useState<{ changes: { path: string }[]; regeneratedAtIssuedPosition: { matchesIssued: boolean } } | undefined>();
  const base = `/accounts/${account.accountId}/reports/${period}`;
  return (
    <Card title={t.accounts.reports}>
      <Select label={t.accounts.period} value={period} onChange={(p) => { setPeriod(p); setDiff(undefined); }} options={periods.map((p) => [p, p] as const)} />
      <p className="button-row">
        <Link className="button" to={`/contas/${account.accountId}/relatorios/${period}`}>{t.report.open}</Link>
        <a className="button" href={`${base}?format=pdf`} download>{t.accounts.download} PDF</a>
        <a className="button" href={`${base}?format=csv`} download>{t.accounts.download} CSV</a>
        <a className="button secondary" href={`${base}?format=csv-summary`} download>{t.accounts.summaryCsv}</a>
        <a className="button secondary" href={`${base}?format=html`} target="_blank" rel="noreferrer">{t.accounts.viewReport}</a>
      </p>
      {canIssue && (
        <div className="button-row">
          <Form submit={t.accounts.issue} done={t.accounts.issued} onSubmit={() => post(`${base}/issue`)} />
          <Form submit={t.accounts.diff} onSubmit={async () => setDiff(await (await fetch(`${base}/diff`, { credentials: 'same-origin' })).json())} />
        </div>
      )}
      {diff && (diff.changes?.length ? (
        <>
          <ul>{diff.changes.map((c) => <li key={c.path}><code>{c.path}</code></li>)}</ul>
          <p className="button-row"><a className="button secondary" href={`${base}?format=pdf&version=corrected`} download>{t.accounts.correctedPdf}</a></p>
        </>
      ) : <p className="notice">{t.accounts.noChanges}</p>)}
    </Card>
  );
}

function ManagerActions({ account }: { account: Account }) {
  const client = useQueryClient();
  const id = account.accountId;
  const refresh = () => client.invalidateQueries({ queryKey: ['accounts'] });
  const [pkg, setPkg] = useState('10:00');
  const [adjust, setAdjust] = useState('');
  const [adjustReason, setAdjustReason] = useState('');
  const [plan, setPlan] = useState(account.plan?.code ?? 'START');
  /** A plan change applies from next month: offered with the catalog's terms then. */
  const plans = usePlanOptions(nextPeriods(2, account.timeZone)[1]!);
  const [price, setPrice] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const minutes = (text: string) => {
    const value = parseHm(text);
    if (value === undefined || value === 0) throw Object.assign(new Error('minutes'), { display: `${t.actions.duration}: ex. 10:00` });
    return value;
  };
  return (
    <Card title={t.tickets.actions}>
      <Details summary={t.accounts.package}>
        <Form submit={t.accounts.package} done={t.actions.done} onSubmit={async () => { await post(`/accounts/${id}/packages`, { minutes: minutes(pkg), ...(price.trim() !== '' && { priceCents: reais(price) }) }); await refresh(); }}>
          <TextField label={t.accounts.packageHours} value={pkg} onChange={setPkg} required />
          <TextField label={t.accounts.packagePrice} value={price} onChange={setPrice} placeholder="1.800,00" />
        </Form>
      </Details>
      <Details summary={t.accounts.adjust}>
        <Form submit={t.accounts.adjust} done={t.actions.done} onSubmit={async () => { await post(`/accounts/${id}/adjustments`, { minutes: minutes(adjust), reason: adjustReason }); await refresh(); }}>
          <TextField label={t.accounts.adjustHours} value={adjust} onChange={setAdjust} required placeholder="-1:30" />
          <TextField label={t.accounts.reason} value={adjustReason} onChange={setAdjustReason} required />
        </Form>
      </Details>
      <Details summary={t.accounts.changePlan}>
        <Form submit={t.common.save} done={t.actions.done} onSubmit={async () => { await put(`/accounts/${id}/plan`, plan === 'package' ? { kind: 'package' } : { plan }); await refresh(); }}>
          <Select label={t.accounts.plan} value={plan} onChange={setPlan} options={[...plans.filter(([code]) => code !== 'CUSTOM'), ['package', t.accounts.packageOnly]]} />
        </Form>
      </Details>
      {account.status === 'open' && (
        <Details summary={t.accounts.cancel}>
          <Form submit={t.accounts.cancel} onSubmit={async () => { await post(`/accounts/${id}/cancellation`, { reason: cancelReason }); await refresh(); }}>
            <TextField label={t.accounts.cancelReason} value={cancelReason} onChange={setCancelReason} required />
          </Form>
        </Details>
      )}
    </Card>
  );
}

const describe = (event: HistoryEvent): string => {
  const d = event.data as Record<string, any>;
  const minutes = d.minutes ?? d.covered ?? d.creditedMinutes ?? d.expiredMinutes;
  return [typeof minutes === 'number' ? hm(minutes) : '', d.reason ?? '', d.ticketId ? `chamado ${String(d.ticketId).slice(0, 8)}` : '', d.period ?? ''].filter(Boolean).join(' · ');
};

function Ledger({ accountId, timeZone }: { accountId: string; timeZone: string }) {
  const ledger = useLedger(accountId);
  const nameOf = usePersonName();
  if (ledger.isPending) return <Loading />;
  return (
    <table className="table">
      <thead><tr><th scope="col">{t.audit.when}</th><th scope="col">{t.audit.who}</th><th scope="col">{t.audit.event}</th><th scope="col">{t.audit.data}</th></tr></thead>
      <tbody>
        {(ledger.data?.events ?? []).map((e) => (
          <tr key={e.id}>
            <td data-label={t.audit.when}>{dateTime(e.metadata.occurredAt, timeZone)}</td>
            <td data-label={t.audit.who}>{nameOf(e.metadata.actor)}</td>
            <td data-label={t.audit.event}>{e.type}</td>
            <td data-label={t.audit.data}>{describe(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An account's hour bank: balance, what is reserved, lots and what expires soon, the plan's service, reports, the contract (staff), the ledger. */
export function AccountPage() {
  const { id = '' } = useParams();
  const { user } = useSession();
  const account = useAccount(id);
  if (account.isPending) return <Loading />;
  if (account.isError) return <Page title={t.common.notFound}><ErrorBox error={account.error} /></Page>;
  const a = account.data;
  const manager = user?.role === 'manager';
  return (
    <Page title={a.clientName} actions={<Link className="button" to="/novo-chamado">{t.nav.newTicket}</Link>}>
      <div className="figures">
        <div className="figure"><span>{t.accounts.balance}</span><strong>{hm(a.balanceMinutes)}</strong></div>
        <div className="figure"><span>{t.accounts.available}</span><strong>{hm(a.availableMinutes)}</strong></div>
        <div className="figure"><span>{t.accounts.reserved}</span><strong>{hm(a.reservedMinutes)}</strong></div>
        <div className="figure"><span>{t.accounts.shortfall}</span><strong>{hm(a.currentShortfallMinutes)}</strong></div>
      </div>
      <p className="meta">
        <Badge tone={a.status === 'open' ? 'ok' : 'muted'}>{t.accounts.statusOf[a.status]}</Badge>
        <span>{t.accounts.plan}: {a.plan ? `${a.plan.code} (${hm(a.plan.monthlyMinutes)}/mês)` : t.accounts.kinds.package}</span>
        {a.accountManager && <> · <span>{t.accounts.accountManager}: {a.accountManager.name}</span></>} · <span>{t.accounts.zone}: {a.timeZone}</span> · <span>{t.accounts.calendar}: {a.calendarId}</span>
      </p>
      <Card title={t.accounts.lots}><Lots account={a} /></Card>
      <ServiceCard key={`service-${a.revision}`} account={a} manage={manager} />
      <ContractEndCard key={`end-${a.revision}`} account={a} manage={manager} />
      <Reports account={a} canIssue={user?.role === 'manager' || user?.role === 'agent'} />
      {manager && <ManagerActions account={a} />}
      {isStaff(user) && (
        <>
          <TermsCard account={a} manage={manager} />
          <div className="two-columns">
            <AlertsCard key={`alerts-${a.revision}`} account={a} manage={manager} />
            <MaintenanceCard account={a} manage={manager} />
          </div>
        </>
      )}
      <Details summary={t.accounts.ledger}><Ledger accountId={id} timeZone={a.timeZone} /></Details>
      {isStaff(user) && <p><Link to={`/auditoria?fluxo=account-${id}`}>{t.tickets.history}</Link></p>}
    </Page>
  );
}
