import { useState } from 'react';
import type { Account, SessionUser, Ticket } from '../api/types';
import { brl, hm, instantToLocal, localToInstant, parseHm } from '../format';
import { Details, Field, Form, Notice, Select, TextArea, TextField } from '../components/ui';
import { t } from '../strings';
import type { Act } from './ticket';

const FINISHED = ['closed', 'cancelled', 'escalated'];

const minutesOf = (text: string, allowNegative = false): number => {
  const minutes = parseHm(text);
  if (minutes === undefined || minutes === 0 || (!allowNegative && minutes < 0)) {
    throw Object.assign(new Error('duration'), { display: `${t.actions.duration}: ex. 1:30` });
  }
  return minutes;
};

/** Minutes this ticket may use without approval: the account's available ones plus what its own estimate holds. */
const availableFor = (ticket: Ticket, account: Account): number =>
  account.availableMinutes + (ticket.estimate && ticket.status !== 'rejected' && !FINISHED.includes(ticket.status) ? ticket.estimate.estimatedMinutes : 0);

function ReasonForm({ label, submit, path, act, optional }: { label: string; submit: string; path: string; act: Act; optional?: boolean }) {
  const [reason, setReason] = useState('');
  return (
    <Form submit={submit} onSubmit={() => act(path, { reason })}>
      <TextArea label={label} value={reason} onChange={setReason} required={!optional} />
    </Form>
  );
}

function EstimateForm({ ticket, account, act }: { ticket: Ticket; account?: Account; act: Act }) {
  const zone = account?.timeZone ?? 'America/Sao_Paulo';
  const tomorrow = instantToLocal(new Date(Date.now() + 86_400_000).toISOString(), zone).slice(0, 11) + '18:00';
  const [duration, setDuration] = useState(ticket.estimate ? hm(ticket.estimate.estimatedMinutes) : '');
  const [when, setWhen] = useState(ticket.estimate ? instantToLocal(ticket.estimate.expectedDeliveryAt, zone) : tomorrow);
  const available = account ? availableFor(ticket, account) : undefined;
  const typed = parseHm(duration);
  return (
    <Form submit={t.actions.estimate} onSubmit={() => act('estimate', { minutes: minutesOf(duration), expectedDeliveryAt: localToInstant(when, zone) })}>
      {available !== undefined && <p className="notice">{t.actions.available(hm(available))}</p>}
      <TextField label={t.actions.minutes} value={duration} onChange={setDuration} required placeholder="2:30" />
      {available !== undefined && typed !== undefined && typed > available && <p className="warning">{t.actions.overApproval}</p>}
      <Field label={t.actions.deliveryAt}>{(id) => <input id={id} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />}</Field>
    </Form>
  );
}

function LogTimeForm({ act, timeZone }: { act: Act; timeZone: string }) {
  const [duration, setDuration] = useState('');
  const [activity, setActivity] = useState('development');
  const [performedOn, setPerformedOn] = useState(instantToLocal(new Date().toISOString(), timeZone).slice(0, 10));
  const [note, setNote] = useState('');
  return (
    <Form submit={t.actions.logTime} onSubmit={async () => {
      await act('time-entries', { minutes: minutesOf(duration), activity, performedOn, note });
      setDuration('');
      setNote('');
    }}>
      <TextField label={t.actions.duration} value={duration} onChange={setDuration} required placeholder="0:45" />
      <Select label={t.actions.activity} value={activity} onChange={setActivity} options={Object.entries(t.activities)} />
      <Field label={t.actions.performedOn}>{(id) => <input id={id} type="date" value={performedOn} onChange={(e) => setPerformedOn(e.target.value)} required />}</Field>
      <TextField label={t.actions.note} value={note} onChange={setNote} />
    </Form>
  );
}

function CorrectionForm({ ticket, act }: { ticket: Ticket; act: Act }) {
  const ids = Object.keys(ticket.entries);
  const [entryId, setEntryId] = useState(ids[0] ?? '');
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const options = ids.map((id) => [id, `${ticket.entries[id]!.performedOn} · ${t.activities[ticket.entries[id]!.activity]} · ${hm(ticket.entries[id]!.minutes)}`] as const);
  return (
    <Form submit={t.actions.correct} onSubmit={() => act(`time-entries/${entryId || ids[0]}/corrections`, { minutes: minutesOf(delta, true), reason })}>
      <Select label={t.tickets.entries} value={entryId} onChange={setEntryId} options={options} />
      <TextField label={t.actions.correction} value={delta} onChange={setDelta} required placeholder="-0:15" />
      <TextField label={t.actions.reason} value={reason} onChange={setReason} required />
    </Form>
  );
}

function OfferForm({ act }: { act: Act }) {
  const [hours, setHours] = useState('');
  const [price, setPrice] = useState('');
  return (
    <Form submit={t.actions.offer} onSubmit={() => act('project-offer', { expectedMinutes: minutesOf(hours), priceCents: Math.round(Number(price.replace(',', '.')) * 100) })}>
      <TextField label={t.tickets.expectedHours} value={hours} onChange={setHours} required placeholder="40:00" />
      <TextField label={`${t.tickets.price} (R$)`} value={price} onChange={setPrice} required placeholder="12000,00" />
    </Form>
  );
}

function ApprovalPanel({ ticket, account, act }: { ticket: Ticket; account?: Account; act: Act }) {
  const estimate = ticket.estimate?.estimatedMinutes ?? 0;
  const available = account ? availableFor(ticket, account) : undefined;
  const after = available === undefined ? undefined : available - estimate;
  return (
    <>
      {available !== undefined && after !== undefined && <p className="notice">{t.actions.approvalImpact(hm(estimate), hm(available), hm(after))}</p>}
      {account && after !== undefined && after < 0 && <p className="warning">{t.actions.overageNote(hm(-after), brl(Math.round((-after * account.overageRateCentsPerHour) / 60)))}</p>}
      <div className="button-row">
        <Form submit={t.actions.approve} onSubmit={() => act('approval', { decision: 'approve' })} />
      </div>
      <Details summary={t.actions.reject}>
        <RejectForm act={act} />
      </Details>
    </>
  );
}

function RejectForm({ act }: { act: Act }) {
  const [reason, setReason] = useState('');
  return (
    <Form submit={t.actions.reject} onSubmit={() => act('approval', { decision: 'reject', ...(reason.trim() && { reason }) })}>
      <TextArea label={t.actions.rejectReason} value={reason} onChange={setReason} />
    </Form>
  );
}

/** What staff may do with the ticket now (the server decides again; this only hides what would be refused). */
export function StaffActions({ ticket, account, user, act }: { ticket: Ticket; account?: Account; user: SessionUser; act: Act }) {
  const [question, setQuestion] = useState('');
  const [summary, setSummary] = useState('');
  const s = ticket.status;
  if (user.role === 'auditor') return <p className="muted">{t.roles.auditor}</p>;
  const agent = user.role === 'agent';
  const finished = FINISHED.includes(s);
  return (
    <div className="actions">
      {agent && ['open', 'inProgress'].includes(s) && (
        <Details summary={t.actions.ask}>
          <Form submit={t.actions.send} onSubmit={() => act('clarification-requests', { question })}><TextArea label={t.actions.question} value={question} onChange={setQuestion} required /></Form>
        </Details>
      )}
      {agent && ['open', 'awaitingApproval', 'rejected', 'inProgress'].includes(s) && <Details summary={t.actions.estimate} open={s === 'open'}><EstimateForm ticket={ticket} account={account} act={act} /></Details>}
      {user.role === 'manager' && s === 'awaitingApproval' && <Details summary={t.actions.approve}><ApprovalPanel ticket={ticket} account={account} act={act} /></Details>}
      {agent && ['inProgress', 'delivered'].includes(s) && <Details summary={t.actions.logTime} open={s === 'inProgress'}><LogTimeForm act={act} timeZone={account?.timeZone ?? 'America/Sao_Paulo'} /></Details>}
      {!finished && Object.keys(ticket.entries).length > 0 && <Details summary={t.actions.correct}><CorrectionForm ticket={ticket} act={act} /></Details>}
      {agent && s === 'inProgress' && (
        <Details summary={t.actions.deliver}>
          <Form submit={t.actions.deliver} onSubmit={() => act('delivery', { summary })}><TextArea label={t.actions.summary} value={summary} onChange={setSummary} required /></Form>
        </Details>
      )}
      {agent && !finished && <Details summary={t.actions.escalate}><ReasonForm label={t.actions.escalateReason} submit={t.actions.escalate} path="escalation" act={act} /></Details>}
      {s === 'escalated' && <Details summary={t.actions.offer}><OfferForm act={act} /></Details>}
      {!finished && <Details summary={t.actions.cancel}><ReasonForm label={t.actions.cancelReason} submit={t.actions.cancel} path="cancellation" act={act} /></Details>}
    </div>
  );
}

/** What the client may do now: answer, approve or reject, accept or ask for a revision, cancel before work starts. */
export function ClientActions({ ticket, account, user, act, question }: { ticket: Ticket; account?: Account; user: SessionUser; act: Act; question?: string }) {
  const s = ticket.status;
  const [answer, setAnswer] = useState('');
  const approver = (user.approves ?? user.accounts).includes(ticket.accountId);
  return (
    <div className="actions">
      {s === 'awaitingClarification' && (
        <>
          {question && <blockquote>{question}</blockquote>}
          <Form submit={t.actions.answer} onSubmit={() => act('clarifications', { answer })}><TextArea label={t.actions.answerLabel} value={answer} onChange={setAnswer} required /></Form>
        </>
      )}
      {s === 'awaitingApproval' && (approver ? <ApprovalPanel ticket={ticket} account={account} act={act} /> : <Notice>{t.actions.notApprover}</Notice>)}
      {s === 'delivered' && (
        <>
          <div className="button-row"><Form submit={t.actions.accept} onSubmit={() => act('acceptance', {})} /></div>
          <Details summary={t.actions.revision}><ReasonForm label={t.actions.revisionReason} submit={t.actions.revision} path="revision-requests" act={act} /></Details>
        </>
      )}
      {!FINISHED.includes(s) && Object.keys(ticket.entries).length === 0 && (
        <Details summary={t.actions.cancel}><ReasonForm label={t.actions.cancelReason} submit={t.actions.cancel} path="cancellation" act={act} /></Details>
      )}
    </div>
  );
}
