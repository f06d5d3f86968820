import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { del, post, put } from '../api/client';
import { useLedger, usePersonName, useStaff } from '../api/hooks';
import type { Account, Amendment, MaintenanceSchedule } from '../api/types';
import { brl, dateTime, hm, nextPeriods, parseHm, reais } from '../format';
import { Badge, Card, Details, ErrorBox, Form, Loading, Notice, Select, TextArea, TextField } from '../components/ui';
import { t } from '../strings';

/**
 * The contract beyond the balance (issue 15): the plan's extras and channels with the account manager, the terms
 * and their amendments, the alert settings and the recurring maintenance. Everyone who sees the account reads the
 * service it includes; staff read the rest; only a manager changes any of it (the API refuses everyone else).
 */

const useRefresh = () => {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['accounts'] });
};

/** Whether a command answer holds the event it was for (an account command may also write what was due first). */
const changed = (outcome: { events?: { type: string }[] }, type: string) => (outcome.events ?? []).some((event) => event.type === type);

const minutesOrZero = (label: string, text: string): number => {
  const value = parseHm(text);
  if (value === undefined || value < 0) throw Object.assign(new Error(label), { display: `${label}: ex. 1:00` });
  return value;
};

const ChannelLink = ({ value }: { value: string }) =>
  /^https?:\/\//.test(value) ? <a href={value} target="_blank" rel="noreferrer">{value}</a> : <span>{value}</span>;

export function ServiceCard({ account, manage }: { account: Account; manage: boolean }) {
  const refresh = useRefresh();
  const staff = useStaff();
  const id = account.accountId;
  const hasManager = account.extras.includes('account-manager');
  const hasGroup = account.extras.includes('whatsapp-group');
  const hasEmergency = account.extras.includes('emergency-whatsapp-group');
  const [managerId, setManagerId] = useState(account.accountManager?.userId ?? '');
  const [group, setGroup] = useState(account.channels.whatsappGroup ?? '');
  const [emergency, setEmergency] = useState(account.channels.emergencyWhatsappGroup ?? '');
  const chosen = managerId || staff[0]?.id || '';
  return (
    <Card title={t.contract.service}>
      <dl className="terms">
        <dt>{t.contract.extras}</dt>
        <dd>{account.extras.length === 0 ? t.contract.noExtras : account.extras.map((extra) => t.planExtras[extra] ?? extra).join(', ')}</dd>
        <dt>{t.contract.manager}</dt>
        <dd>{hasManager ? account.accountManager?.name ?? t.contract.noManager : <span className="muted">{t.contract.notIncluded}</span>}</dd>
        {hasGroup && <><dt>{t.contract.whatsapp}</dt><dd>{account.channels.whatsappGroup ? <ChannelLink value={account.channels.whatsappGroup} /> : '—'}</dd></>}
        {hasEmergency && <><dt>{t.contract.emergency}</dt><dd>{account.channels.emergencyWhatsappGroup ? <ChannelLink value={account.channels.emergencyWhatsappGroup} /> : '—'}</dd></>}
      </dl>
      {manage && account.status === 'open' && hasManager && (
        <Details summary={t.contract.assign}>
          <Form submit={t.contract.assign} done={t.actions.done} onSubmit={async () => { await put(`/accounts/${id}/account-manager`, { userId: chosen }); await refresh(); }}>
            <Select label={t.contract.manager} value={chosen} onChange={setManagerId} options={staff.map((person) => [person.id, `${person.name} (${t.roles[person.role]})`] as const)} required />
          </Form>
          {account.accountManager && <Form submit={t.contract.remove} done={t.actions.done} onSubmit={async () => { await del(`/accounts/${id}/account-manager`); setManagerId(''); await refresh(); }} />}
        </Details>
      )}
      {manage && account.status === 'open' && (hasGroup || hasEmergency) && (
        <Details summary={t.contract.saveChannels}>
          <Form submit={t.contract.saveChannels} done={t.actions.done} onSubmit={async () => {
            await put(`/accounts/${id}/support-channels`, { ...(hasGroup && { whatsappGroup: group }), ...(hasEmergency && { emergencyWhatsappGroup: emergency }) });
            await refresh();
          }}>
            {hasGroup && <TextField label={t.contract.whatsapp} value={group} onChange={setGroup} hint={t.contract.channelHelp} />}
            {hasEmergency && <TextField label={t.contract.emergency} value={emergency} onChange={setEmergency} hint={t.contract.channelHelp} />}
          </Form>
        </Details>
      )}
    </Card>
  );
}

const amendmentText = (a: Partial<Amendment>): string => [
  a.clientName !== undefined && `${t.accounts.clientName}: ${a.clientName}`,
  a.overageRateCentsPerHour !== undefined && `${t.contract.rate}: ${brl(a.overageRateCentsPerHour)}`,
  a.calendarId !== undefined && `${t.accounts.calendar}: ${a.calendarId}`,
  a.timeZone !== undefined && `${t.accounts.zone}: ${a.timeZone}`,
].filter(Boolean).join(' · ');

/** Every ContractAmended of the account's stream, newest first: from when, what, why, who and when recorded. */
function AmendmentHistory({ account }: { account: Account }) {
  const ledger = useLedger(account.accountId);
  const nameOf = usePersonName();
  if (ledger.isPending) return <Loading />;
  if (ledger.isError) return <ErrorBox error={ledger.error} />;
  const amendments = (ledger.data.events ?? []).filter((event) => event.type === 'ContractAmended').reverse();
  if (amendments.length === 0) return <p className="muted">{t.contract.noAmendments}</p>;
  return (
    <table className="table">
      <caption className="sr-only">{t.contract.amendmentHistory}</caption>
      <thead><tr><th scope="col">{t.plans.from}</th><th scope="col">{t.contract.changes}</th><th scope="col">{t.accounts.reason}</th><th scope="col">{t.contract.recordedBy}</th></tr></thead>
      <tbody>
        {amendments.map((event) => {
          const d = event.data as Partial<Amendment> & { effectiveFrom: string; reason: string };
          return (
            <tr key={event.id}>
              <td data-label={t.plans.from}>{d.effectiveFrom}</td>
              <td data-label={t.contract.changes}>{amendmentText(d)}</td>
              <td data-label={t.accounts.reason}>{d.reason}</td>
              <td data-label={t.contract.recordedBy}>{nameOf(event.metadata.actor)} · {dateTime(event.metadata.occurredAt, account.timeZone)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function AmendForm({ account }: { account: Account }) {
  const refresh = useRefresh();
  const periods = nextPeriods(13, account.timeZone).slice(1);
  const [from, setFrom] = useState(periods[0]!);
  const [name, setName] = useState('');
  const [rate, setRate] = useState('');
  const [calendar, setCalendar] = useState('');
  const [zone, setZone] = useState('');
  const [reason, setReason] = useState('');
  return (
    <Form submit={t.contract.record} onSubmit={async () => {
      const change = {
        ...(name.trim() !== '' && { clientName: name.trim() }), ...(rate.trim() !== '' && { overageRateCentsPerHour: reais(rate) }),
        ...(calendar.trim() !== '' && { calendarId: calendar.trim() }), ...(zone.trim() !== '' && { timeZone: zone.trim() }),
      };
      if (Object.keys(change).length === 0) throw Object.assign(new Error('empty'), { display: t.contract.nothingToAmend });
      const outcome = await post<{ events?: { type: string }[] }>(`/accounts/${account.accountId}/amendments`, { effectiveFrom: from, reason, ...change });
      await refresh();
      if (!changed(outcome, 'ContractAmended')) return t.contract.unchanged;
      setName(''); setRate(''); setCalendar(''); setZone(''); setReason('');
      return t.actions.done;
    }}>
      <p className="muted">{t.contract.amendHelp}</p>
      <Select label={t.contract.effectiveFrom} value={from} onChange={setFrom} options={periods.map((p) => [p, p] as const)} />
      <TextField label={t.contract.newName} value={name} onChange={setName} placeholder={account.clientName} />
      <TextField label={t.contract.newRate} value={rate} onChange={setRate} placeholder={brl(account.overageRateCentsPerHour).replace('R$ ', '')} />
      <TextField label={t.contract.newCalendar} value={calendar} onChange={setCalendar} placeholder={account.calendarId} />
      <TextField label={t.contract.newZone} value={zone} onChange={setZone} placeholder={account.timeZone} />
      <TextField label={t.contract.reason} value={reason} onChange={setReason} required />
    </Form>
  );
}

export function TermsCard({ account, manage }: { account: Account; manage: boolean }) {
  return (
    <Card title={t.contract.terms}>
      <dl className="terms">
        <dt>{t.accounts.clientName}</dt><dd>{account.clientName}</dd>
        <dt>{t.contract.rate}</dt><dd>{brl(account.overageRateCentsPerHour)}</dd>
        <dt>{t.accounts.calendar}</dt><dd>{account.calendarId}</dd>
        <dt>{t.accounts.zone}</dt><dd>{account.timeZone}</dd>
      </dl>
      {account.scheduledPlans.length > 0 && (
        <>
          <h3>{t.contract.scheduledPlans}</h3>
          <ul>{account.scheduledPlans.map((p) => <li key={p.from}>{p.from}: {p.plan ? `${p.plan.code} (${hm(p.plan.monthlyMinutes)}/mês)` : t.accounts.kinds.package}</li>)}</ul>
        </>
      )}
      <h3>{t.contract.scheduledAmendments}</h3>
      {account.scheduledAmendments.length === 0 ? <p className="muted">{t.contract.noScheduled}</p> : (
        <ul>{account.scheduledAmendments.map((a) => <li key={a.from}><strong>{a.from}</strong>: {amendmentText(a)}</li>)}</ul>
      )}
      <h3>{t.contract.amendmentHistory}</h3>
      <AmendmentHistory account={account} />
      {manage && account.status === 'open' && <Details summary={t.contract.amend}><AmendForm account={account} /></Details>}
    </Card>
  );
}

export function AlertsCard({ account, manage }: { account: Account; manage: boolean }) {
  const refresh = useRefresh();
  const { lowBalanceMinutes, expiringWithinDays } = account.alertSettings;
  const [low, setLow] = useState(hm(lowBalanceMinutes));
  const [days, setDays] = useState(String(expiringWithinDays));
  return (
    <Card title={t.contract.alerts}>
      <p>
        {lowBalanceMinutes === 0 && expiringWithinDays === 0 ? t.contract.off
          : t.contract.alertsNow(lowBalanceMinutes === 0 ? t.contract.off : hm(lowBalanceMinutes), expiringWithinDays)}
      </p>
      {manage && (
        <Details summary={t.contract.saveAlerts}>
          <Form submit={t.contract.saveAlerts} done={t.actions.done} onSubmit={async () => {
            const expiring = Number(days);
            if (!/^\d{1,3}$/.test(days.trim())) throw Object.assign(new Error('days'), { display: t.errors.EXPIRY_NOTICE_MUST_BE_0_TO_180_DAYS });
            await put(`/accounts/${account.accountId}/alert-settings`, { lowBalanceMinutes: minutesOrZero(t.contract.lowBalance, low), expiringWithinDays: expiring });
            await refresh();
          }}>
            <TextField label={t.contract.lowBalance} value={low} onChange={setLow} hint={t.contract.alertsHelp} required />
            <TextField label={t.contract.expiring} type="number" value={days} onChange={setDays} hint={t.contract.alertsHelp} required />
          </Form>
        </Details>
      )}
    </Card>
  );
}

const EVERY = [1, 2, 3, 4, 6, 12];

/** The terms of a schedule; editing replaces it: the new schedule is recorded, then the old one ends (the API has no edit). */
function ScheduleForm({ account, replacing, submit, replaced }: { account: Account; replacing?: MaintenanceSchedule; submit: string; replaced?: (said: string) => void }) {
  const refresh = useRefresh();
  const [kind, setKind] = useState<string>(replacing?.kind ?? 'security_updates');
  const [title, setTitle] = useState(replacing?.title ?? '');
  const [description, setDescription] = useState(replacing?.description ?? '');
  const [every, setEvery] = useState(String(replacing?.everyMonths ?? 1));
  const [day, setDay] = useState(String(replacing?.dayOfMonth ?? 5));
  const [time, setTime] = useState(replacing?.localTime ?? '09:00');
  const periods = nextPeriods(13, account.timeZone);
  const [first, setFirst] = useState(replacing?.next && periods.includes(replacing.next) ? replacing.next : periods[0]!);
  return (
    <Form submit={submit} onSubmit={async () => {
      await post(`/accounts/${account.accountId}/maintenance-schedules`, {
        kind, title, description, everyMonths: Number(every), dayOfMonth: Number(day), localTime: time, firstPeriod: first,
      });
      // The new schedule is recorded; whatever ending the old one answers, the list shows both as they now are.
      if (replacing) await del(`/accounts/${account.accountId}/maintenance-schedules/${replacing.scheduleId}`).finally(refresh);
      else { setTitle(''); setDescription(''); }
      await refresh();
      replaced?.(t.contract.scheduled);
      return t.contract.scheduled;
    }}>
      {replacing && <p className="muted">{t.contract.editHelp}</p>}
      <Select label={t.contract.kind} value={kind} onChange={setKind} options={Object.entries(t.maintenanceKinds)} />
      <TextField label={t.contract.title} value={title} onChange={setTitle} required />
      <TextArea label={t.contract.description} value={description} onChange={setDescription} rows={2} />
      <Select label={t.contract.every} value={every} onChange={setEvery} options={EVERY.map((n) => [String(n), t.contract.everyText(n)] as const)} />
      <TextField label={t.contract.day} type="number" value={day} onChange={setDay} required />
      <TextField label={t.contract.time} type="time" value={time} onChange={setTime} required />
      <Select label={t.contract.firstPeriod} value={first} onChange={setFirst} options={periods.map((p) => [p, p] as const)} />
    </Form>
  );
}

/** Ends a schedule: the row then says it ended (the button goes with it). */
function StopButton({ account, schedule, stopped }: { account: Account; schedule: MaintenanceSchedule; stopped: (said: string) => void }) {
  const refresh = useRefresh();
  return (
    <Form className="inline" submit={`${t.contract.stop}: ${schedule.title}`} onSubmit={async () => {
      await del(`/accounts/${account.accountId}/maintenance-schedules/${schedule.scheduleId}`);
      await refresh();
      stopped(t.contract.stopped(schedule.title));
    }} />
  );
}

export function MaintenanceCard({ account, manage }: { account: Account; manage: boolean }) {
  const schedules = [...account.maintenance].sort((a, b) => Number(b.next !== null) - Number(a.next !== null) || a.title.localeCompare(b.title));
  const open = manage && account.status === 'open';
  const headingId = useId();
  const [said, setSaid] = useState<string | undefined>();
  /** The edited or stopped row loses its controls: say what happened and give the focus to the card's heading. */
  const done = (text: string) => { setSaid(text); document.getElementById(headingId)?.focus(); };
  return (
    <Card title={t.contract.maintenance} headingId={headingId}>
      {said && <Notice>{said}</Notice>}
      {schedules.length === 0 ? <p className="muted">{t.contract.noMaintenance}</p> : (
        <ul className="schedules">
          {schedules.map((s) => (
            <li key={s.scheduleId} className="schedule">
              <p>
                <strong>{s.title}</strong> <Badge tone={s.next ? 'info' : 'muted'}>{s.next ? t.maintenanceKinds[s.kind] : t.contract.ended}</Badge>
                <br />
                <span className="muted">{t.contract.everyText(s.everyMonths)}, {t.contract.dayText(s.dayOfMonth, s.localTime)} · {t.contract.firstPeriod}: {s.firstPeriod}</span>
                {s.nextDueAt && <><br /><span>{t.contract.next}: {dateTime(s.nextDueAt, account.timeZone)}</span></>}
              </p>
              {s.description && <p className="muted">{s.description}</p>}
              {open && s.next && (
                <div className="button-row">
                  <Details summary={`${t.contract.edit}: ${s.title}`}><ScheduleForm account={account} replacing={s} submit={t.contract.saveEdit} replaced={done} /></Details>
                  <StopButton account={account} schedule={s} stopped={done} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && <Details summary={t.contract.schedule}><ScheduleForm account={account} submit={t.contract.schedule} /></Details>}
    </Card>
  );
}

/**
 * The contract's term: when it ends (a fixed term or a termination notice), read by everyone who sees the account;
 * a manager schedules or changes the end, withdraws it, or renews the contract past it (the API refuses anyone else).
 */
export function ContractEndCard({ account, manage }: { account: Account; manage: boolean }) {
  const refresh = useRefresh();
  const { end } = account;
  const id = account.accountId;
  const periods = nextPeriods(37, account.timeZone);
  const [lastPeriod, setLastPeriod] = useState(end?.lastPeriod ?? periods[0]!);
  const [reason, setReason] = useState('');
  const later = end ? periods.filter((p) => p > end.lastPeriod) : [];
  const [renewTo, setRenewTo] = useState(later[11] ?? later[0] ?? '');
  const open = manage && account.status === 'open' && !end?.ended;
  return (
    <Card title={t.contract.term}>
      {!end ? <p>{t.contract.noEnd}</p> : (
        <>
          <p><strong>{end.ended ? t.contract.endedText(end.lastPeriod) : t.contract.endsText(end.lastPeriod)}</strong> {end.renewed && !end.ended && <Badge tone="ok">{t.contract.renewedNote}</Badge>}</p>
          <dl className="terms">
            <dt>{t.contract.lastPeriod}</dt><dd>{end.lastPeriod}</dd>
            <dt>{t.contract.endsAt}</dt><dd>{dateTime(end.endsAt, account.timeZone)}</dd>
            <dt>{t.contract.endReason}</dt><dd>{end.reason}</dd>
          </dl>
          {end.ended && <p className="muted">{t.contract.endedNote}</p>}
        </>
      )}
      {open && (
        <Details summary={end ? t.contract.changeEnd : t.contract.scheduleEnd}>
          <Form submit={t.contract.saveEnd} onSubmit={async () => {
            const outcome = await put<{ events?: { type: string }[] }>(`/accounts/${id}/termination`, { lastPeriod, reason });
            await refresh();
            if (!changed(outcome, 'ContractEndScheduled')) return t.contract.sameEnd;
            setReason('');
            return t.contract.endScheduled;
          }}>
            <p className="muted">{t.contract.endHelp}</p>
            <Select label={t.contract.lastPeriod} value={lastPeriod} onChange={setLastPeriod} options={periods.map((p) => [p, p] as const)} />
            <TextField label={t.contract.endReason} value={reason} onChange={setReason} required />
          </Form>
        </Details>
      )}
      {open && end && (
        <Details summary={t.contract.renew}>
          <Form submit={t.contract.renew} onSubmit={async () => {
            const outcome = await post<{ events?: { type: string }[] }>(`/accounts/${id}/renewals`, { lastPeriod: renewTo });
            await refresh();
            return changed(outcome, 'ContractRenewed') ? t.contract.renewed : t.contract.sameEnd;
          }}>
            <p className="muted">{t.contract.renewHelp}</p>
            <Select label={t.contract.newLastPeriod} value={renewTo} onChange={setRenewTo} options={later.map((p) => [p, p] as const)} />
          </Form>
        </Details>
      )}
      {open && end && <Form submit={t.contract.withdrawEnd} done={t.contract.endWithdrawn} onSubmit={async () => { await del(`/accounts/${id}/termination`); await refresh(); }} />}
    </Card>
  );
}
