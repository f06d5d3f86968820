import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { get } from '../api/client';
import type { MonthlyReport } from '../api/types';
import { brl, dateOnly, dateTime, dayOf, hm, lastDayBefore, ticketLabel } from '../format';
import { Card, ErrorBox, Loading, Page } from '../components/ui';
import { t } from '../strings';

const r = t.report;

/** One section of the report as a table (or its empty sentence), laid out like every other table of the app. */
function Section({ title, headers, rows, empty, numeric = [] }: { title: string; headers: readonly string[]; rows: readonly (readonly ReactNode[])[]; empty?: string; numeric?: readonly number[] }) {
  return (
    <Card title={title}>
      {rows.length === 0 && empty ? <p className="muted">{empty}</p> : (
        <table className="table">
          <thead><tr>{headers.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>{row.map((cell, j) => <td key={j} data-label={headers[j]} className={numeric.includes(j) ? 'numeric' : undefined}>{cell}</td>)}</tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** "Contrato encerra em 31/07/2030", "… renovado até …", "… encerrado em …", as the report's header says it. */
export const contractEndText = (report: MonthlyReport): string | undefined => {
  const end = report.contractEnd;
  if (!end) return undefined;
  const last = lastDayBefore(end.endsAt, report.timeZone);
  if (end.lastPeriod <= report.period) return r.endedOn(last);
  return end.renewed ? r.renewedUntil(last) : r.endsOn(last);
};

const validity = (lot: { validThrough: string | null }) => (lot.validThrough ? dateOnly(lot.validThrough) : '—');

type Alert = MonthlyReport['alerts']['items'][number];
const alertDetail = (alert: Alert, tz: string): string => {
  switch (alert.kind) {
    case 'lowBalance': return r.alertLow(hm(alert.minutes ?? 0), hm(alert.thresholdMinutes ?? 0));
    case 'lotExpiringSoon': return r.alertLot(alert.lot?.label ?? r.lot, hm(alert.minutes ?? 0), alert.lot ? validity(alert.lot) : '—');
    case 'shortfall': return r.alertShortfall(hm(alert.minutes ?? 0), brl(alert.amountCents ?? 0));
    case 'slaAtRisk': return r.alertSla(ticketLabel(alert.ticket?.number), alert.ticket?.title ?? '', r.slaKinds[alert.slaKind ?? 'firstResponse']!, dateTime(alert.dueAt, tz));
  }
};

/** The monthly report of one account on screen: every section the PDF has, the v3 ones (packages, overruns, alerts, the term) included. */
export function ReportPage() {
  const { id = '', period = '' } = useParams();
  const report = useQuery({ queryKey: ['accounts', 'report', id, period], queryFn: () => get<MonthlyReport>(`/accounts/${id}/reports/${period}?format=json`) });
  if (report.isPending) return <Loading />;
  if (report.isError) return <Page title={r.title}><ErrorBox error={report.error} /><p><Link to={`/contas/${id}`}>{t.common.back}</Link></p></Page>;
  const m = report.data;
  const tz = m.timeZone;
  const end = contractEndText(m);
  const packages = m.credits.items.filter((c) => c.source === 'package');
  const base = `/accounts/${id}/reports/${period}`;
  return (
    <Page title={`${r.title}: ${m.clientName}`} actions={<Link className="button secondary" to={`/contas/${id}`}>{t.common.back}</Link>}>
      <dl className="terms">
        <dt>{r.period}</dt><dd>{m.period} ({dayOf(m.periodStart, tz)} {r.to} {lastDayBefore(m.periodEnd, tz)})</dd>
        <dt>{t.accounts.plan}</dt><dd>{m.plan ? r.planText(m.plan.code, hm(m.plan.monthlyMinutes)) : t.accounts.kinds.package}</dd>
        {end && <><dt>{r.term}</dt><dd>{end}</dd></>}
      </dl>
      <p className="button-row">
        <a className="button" href={`${base}?format=pdf`} download>{t.accounts.download} PDF</a>
        <a className="button secondary" href={`${base}?format=csv`} download>{t.accounts.download} CSV</a>
      </p>
      <Section title={r.summary} headers={[r.item, r.hours]} numeric={[1]} rows={[
        [r.opening, hm(m.openingBalance)], [r.credited, hm(m.credits.totalMinutes)],
        [r.consumed, hm(m.tickets.coveredMinutes + m.tickets.shortfallMinutes)], [r.covered, hm(m.tickets.coveredMinutes)], [r.uncovered, hm(m.tickets.shortfallMinutes)],
        [r.negative, hm(m.negativeAdjustments.totalMinutes)], [r.expired, hm(m.expirations.totalMinutes)], [r.closing, hm(m.closingBalance)],
      ]} />
      <Section title={r.credits} headers={[r.lot, r.creditedOn, r.hours, r.validThrough, r.price, t.accounts.reason]} numeric={[2, 4]} empty={r.noCredits}
        rows={m.credits.items.map((c) => [c.label, dayOf(c.at, tz), hm(c.minutes), validity(c), c.priceCents === null ? '—' : brl(c.priceCents), c.reason ?? ''])} />
      <Section title={r.packages} headers={[r.package, r.boughtOn, r.hours, r.validThrough, r.price]} numeric={[2, 4]} empty={r.noPackages} rows={[
        ...packages.map((p) => [p.label, dayOf(p.at, tz), hm(p.minutes), validity(p), p.priceCents === null ? r.unpriced : brl(p.priceCents)]),
        ...(packages.length > 0 ? [[<strong key="revenue">{r.revenue(m.packageSales.count, m.packageSales.unpricedCount)}</strong>, '', hm(m.packageSales.minutes), '', <strong key="cents">{brl(m.packageSales.revenueCents)}</strong>]] : []),
      ]} />
      <Section title={r.tickets} headers={[r.ticket, r.titleCol, r.outcome, r.endedAt, r.hours, r.coveredCol, r.uncoveredCol, r.paidBy]} numeric={[4, 5, 6]} empty={r.noTickets}
        rows={m.tickets.items.map((x) => [ticketLabel(x.number), x.title, x.outcome ? r.outcomes[x.outcome] ?? x.outcome : '—', dateTime(x.endedAt, tz), hm(x.minutes),
          x.debit ? hm(x.debit.coveredMinutes) : r.debitPending, x.debit ? hm(x.debit.shortfallMinutes) : '—',
          x.debit ? x.debit.paidBy.map((p) => `${p.label}: ${hm(p.minutes)}`).join('; ') || '—' : '—'])} />
      <Section title={r.overruns} headers={[r.ticket, r.titleCol, r.requestedAt, r.extra, r.estimate, t.accounts.reason, r.decision, r.decidedBy, r.decidedAt]} numeric={[3]} empty={r.noOverruns}
        rows={m.overruns.items.map((o) => [ticketLabel(o.number), o.title, dateTime(o.requestedAt, tz), hm(o.additionalMinutes), r.fromTo(hm(o.previousEstimatedMinutes), hm(o.estimatedMinutes)), o.reason,
          `${r.overrunStatus[o.status]}${o.rejectionReason ? `: ${o.rejectionReason}` : ''}`, o.decidedByRole ? `${r.roles[o.decidedByRole] ?? o.decidedByRole}${o.decidedBy ? ` (${o.decidedBy})` : ''}` : '—', dateTime(o.decidedAt, tz)])} />
      {m.overruns.items.length > 0 && <p className="muted">{r.approvedTotal(hm(m.overruns.approvedMinutes))}</p>}
      <Section title={r.negativeTitle} headers={[r.date, r.hours, t.accounts.reason]} numeric={[1]} empty={r.noNegative}
        rows={m.negativeAdjustments.items.map((a) => [dayOf(a.at, tz), hm(a.minutes), a.reason])} />
      <Section title={r.expirations} headers={[r.lot, r.validThrough, r.hours]} numeric={[2]} empty={r.noExpirations} rows={m.expirations.items.map((e) => [e.label, validity(e), hm(e.minutes)])} />
      <Section title={r.overage} headers={[r.item, r.value]} rows={[
        [r.uncovered, hm(m.overage.shortfallMinutes)], [r.rate, brl(m.overage.rateCentsPerHour)], [r.amount, brl(m.overage.amountCents)],
        [t.accounts.status, m.overage.status === 'invoiced' ? r.invoicedOn(dateTime(m.overage.invoicedAt, tz)) : r.overageStatus[m.overage.status]],
      ]} />
      <Section title={r.sla} headers={[r.indicator, r.met, r.breached]} numeric={[1, 2]}
        rows={(['firstResponse', 'deliveryPromise'] as const).map((k) => [r.slaKinds[k], String(m.sla[k].met), String(m.sla[k].breached)])} />
      <Section title={r.breaches} headers={[r.ticket, r.titleCol, r.indicator, r.dueAt]} empty={r.noBreaches}
        rows={m.sla.breaches.map((b) => [ticketLabel(b.number), b.title, r.slaKinds[b.kind], dateTime(b.dueAt, tz)])} />
      <Section title={r.alerts} headers={[r.when, r.alert, r.detail]} empty={r.noAlerts}
        rows={m.alerts.items.map((a) => [dateTime(a.at, tz), r.alertKinds[a.kind], alertDetail(a, tz)])} />
      <Section title={r.expiringSoon(lastDayBefore(m.expiringSoon.until, tz))} headers={[r.lot, r.validThrough, r.hours]} numeric={[2]} empty={r.noExpiring}
        rows={m.expiringSoon.items.map((l) => [l.label, validity(l), hm(l.minutes)])} />
      <Section title={r.usage} headers={[r.period, r.used, r.allowance]} numeric={[1, 2]}
        rows={m.usageByPeriod.map((u) => [u.period, hm(u.minutes), hm(u.allowanceMinutes)])} />
    </Page>
  );
}
