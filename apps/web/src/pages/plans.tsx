import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { put } from '../api/client';
import { usePlans, useStream } from '../api/hooks';
import type { CatalogPlan } from '../api/types';
import { brl, currentPeriod, hm, nextPeriods, parseHm, periodOfInstant, reais } from '../format';
import { Card, Checkbox, ErrorBox, Form, Loading, Page, Select, TextField } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';

/** The catalog's clock: its periods are counted in the agency's own zone (CATALOG_TIME_ZONE in libs/hour-bank). */
const CATALOG_ZONE = 'America/Sao_Paulo';
const CODES = ['START', 'BASIC', 'ADVANCED', 'CUSTOM'] as const;
/** The catalog as first published (libs/hour-bank's initialPlanCatalog): in force from the start. */
const INITIAL_VERSION = 1;
const EXTRAS = ['whatsapp-group', 'emergency-whatsapp-group', 'account-manager'] as const;

const extrasText = (extras: readonly string[]) => (extras.length === 0 ? t.plans.noExtras : extras.map((e) => t.planExtras[e] ?? e).join(', '));

function PlanTable({ plans, caption }: { plans: readonly CatalogPlan[]; caption: string }) {
  return (
    <table className="table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.plans.code}</th><th scope="col">{t.plans.monthly}</th><th scope="col">{t.plans.firstResponse}</th>
          <th scope="col">{t.plans.extras}</th><th scope="col">{t.plans.price}</th><th scope="col">{t.plans.revisionVersion}</th><th scope="col">{t.plans.from}</th>
        </tr>
      </thead>
      <tbody>
        {plans.map((plan) => (
          <tr key={`${plan.code}-${plan.version}`}>
            <th scope="row" data-label={t.plans.code}>{plan.code}</th>
            <td data-label={t.plans.monthly}>{hm(plan.monthlyMinutes)}</td>
            <td data-label={t.plans.firstResponse}>{hm(plan.firstResponseBusinessMinutes)}</td>
            <td data-label={t.plans.extras}>{extrasText(plan.extras)}</td>
            <td data-label={t.plans.price}>{plan.priceCents === undefined ? t.plans.onRequest : brl(plan.priceCents)}</td>
            <td data-label={t.plans.revisionVersion}>{plan.version}</td>
            <td data-label={t.plans.from}>{plan.version === INITIAL_VERSION ? t.plans.initial : plan.effectiveFrom}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every PlanRevised the catalog's stream holds, newest first (managers and auditors read streams). */
function RevisionHistory() {
  const stream = useStream('plan-catalog');
  if (stream.isPending) return <Loading />;
  if (stream.isError) return <ErrorBox error={stream.error} />;
  const revisions = [...stream.data.events].reverse();
  if (revisions.length === 0) return <p className="muted">{t.plans.noHistory}</p>;
  return (
    <PlanTable caption={t.plans.history} plans={revisions.map((event) => {
      const d = event.data as unknown as CatalogPlan & { catalogVersion: number; revisedAt: string };
      return { ...d, version: d.catalogVersion, effectiveFrom: d.effectiveFrom ?? periodOfInstant(d.revisedAt, CATALOG_ZONE) };
    })} />
  );
}

/** A revision of one plan; what is left blank keeps the terms the plan has in the period the revision starts from. */
function ReviseForm({ period }: { period: string }) {
  const client = useQueryClient();
  const [code, setCode] = useState<string>('START');
  const [from, setFrom] = useState(period);
  const before = usePlans(from);
  const base = before.data?.plans.find((plan) => plan.code === code);
  const [monthly, setMonthly] = useState('');
  const [firstResponse, setFirstResponse] = useState('');
  const [extras, setExtras] = useState<readonly string[] | undefined>();
  const [price, setPrice] = useState('');
  const chosenExtras = extras ?? base?.extras ?? [];
  const minutes = (label: string, text: string, fallback: number | undefined) => {
    const value = text.trim() === '' ? fallback : parseHm(text);
    if (value === undefined || value <= 0) throw Object.assign(new Error(label), { display: `${label}: ex. 7:00` });
    return value;
  };
  const choose = (next: string) => { setCode(next); setMonthly(''); setFirstResponse(''); setExtras(undefined); setPrice(''); };
  return (
    <Form submit={t.plans.save} done={t.plans.revised} onSubmit={async () => {
      const outcome = await put<{ events?: unknown[] }>(`/plans/${code}`, {
        monthlyMinutes: minutes(t.plans.monthly, monthly, base?.monthlyMinutes),
        firstResponseBusinessMinutes: minutes(t.plans.firstResponse, firstResponse, base?.firstResponseBusinessMinutes),
        extras: chosenExtras, effectiveFrom: from, ...(price.trim() !== '' && { priceCents: reais(price) }),
      });
      await client.invalidateQueries({ queryKey: ['plans'] });
      await client.invalidateQueries({ queryKey: ['streams'] });
      return outcome.events?.length === 0 ? t.plans.unchanged : t.plans.revised;
    }}>
      <p className="muted">{t.plans.reviseHelp}</p>
      <Select label={t.plans.code} value={code} onChange={choose} options={CODES.map((c) => [c, c] as const)} />
      <TextField label={`${t.plans.monthly} (hh:mm)`} value={monthly} onChange={setMonthly} placeholder={base ? hm(base.monthlyMinutes) : ''} hint={code === 'CUSTOM' ? t.plans.customMinimum : undefined} />
      <TextField label={`${t.plans.firstResponse} (hh:mm)`} value={firstResponse} onChange={setFirstResponse} placeholder={base ? hm(base.firstResponseBusinessMinutes) : ''} />
      <fieldset className="checks">
        <legend>{t.plans.extras}</legend>
        {EXTRAS.map((extra) => (
          <Checkbox key={extra} label={t.planExtras[extra]!} checked={chosenExtras.includes(extra)}
            onChange={(on) => setExtras(on ? [...chosenExtras, extra] : chosenExtras.filter((e) => e !== extra))} />
        ))}
      </fieldset>
      <TextField label={`${t.plans.price} (R$)`} value={price} onChange={setPrice} hint={t.plans.priceHelp} placeholder={base?.priceCents !== undefined ? brl(base.priceCents).replace('R$ ', '') : ''} />
      <Select label={t.plans.from} value={from} onChange={setFrom} options={nextPeriods(13, CATALOG_ZONE).map((p) => [p, p] as const)} />
    </Form>
  );
}

/** The plan catalog: the plans of a period with their versions, what is scheduled, every revision; a manager revises. */
export function PlansPage() {
  const { user } = useSession();
  const [period, setPeriod] = useState(currentPeriod(CATALOG_ZONE));
  const mayRead = user?.role === 'manager' || user?.role === 'auditor';
  const catalog = usePlans(period);
  if (!mayRead) return <Page title={t.plans.title}><p className="error" role="alert">{t.plans.managersOnly}</p></Page>;
  return (
    <Page title={t.plans.title}>
      <p className="muted">{t.plans.help}</p>
      <div className="filters">
        <Select label={t.plans.period} value={period} onChange={setPeriod} options={nextPeriods(13, CATALOG_ZONE).map((p) => [p, p] as const)} />
      </div>
      <ErrorBox error={catalog.error} />
      {catalog.isPending ? <Loading /> : catalog.data && (
        <>
          <Card title={`${t.plans.period} ${catalog.data.period}`}>
            <p className="muted">{t.plans.version(catalog.data.version)}</p>
            <PlanTable caption={t.plans.period} plans={catalog.data.plans} />
          </Card>
          <Card title={t.plans.scheduled}>
            {catalog.data.scheduled.length === 0 ? <p className="muted">{t.plans.noScheduled}</p> : <PlanTable caption={t.plans.scheduled} plans={catalog.data.scheduled} />}
          </Card>
          {user?.role === 'manager' && (
            <Card title={t.plans.revise}><ReviseForm period={currentPeriod(CATALOG_ZONE)} /></Card>
          )}
          <Card title={t.plans.history}><RevisionHistory /></Card>
        </>
      )}
    </Page>
  );
}
