import { useState } from 'react';
import type { Account, SessionUser, Ticket } from '../api/types';
import { brl, hm, instantToLocal, localToInstant, parseHm } from '../format';
import { Details, Field, Form, Notice, Select, TextArea, TextField } from '../components/ui';
import { t } from '../strings';
import type { Act } from './ticket';

const FINISHED = ['closed', 'cancelled', 'escalated'];
/** Seed 001's consultative service: its first estimate agrees an execution plan and who executes it. */
const CONSULTATIVE = ['investigation', 'training', 'technical_follow_up', 'technical_execution'];

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
  const [plan, setPlan] = useState(ticket.executionPlan?.plan ?? '');
  const [executedBy, setExecutedBy] = useState(ticket.executionPlan?.executedBy ?? 'technician');
  const available = account ? availableFor(ticket, account) : undefined;
  const typed = parseHm(duration);
  const consultative = CONSULTATIVE.includes(ticket.category);
  const executionPlan = consultative && plan.trim() !== '' ? { executionPlan: { plan, executedBy } } : {};
  return (
    <Form submit={t.actions.estimate} onSubmit={() => act('estimate', { minutes: minutesOf(duration), expectedDeliveryAt: localToInstant(when, zone), ...executionPlan })}>
      {available !== undefined && <p className="notice">{t.actions.available(hm(available))}</p>}
      <TextField label={t.actions.minutes} value={duration} onChange={setDuration} required placeholder="2:30" />
      {available !== undefined && typed !== undefined && typed > available && <p className="warning">{t.actions.overApproval}</p>}
      <Field label={t.actions.deliveryAt}>{(id) => <input id={id} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />}</Field>
      {consultative && (
        <>
          <TextArea label={t.actions.executionPlan} hint={t.actions.executionPlanHelp} value={plan} onChange={setPlan} required={!ticket.executionPlan} rows={4} />
          <Select label={t.actions.executedBy} value={executedBy} onChange={setExecutedBy} options={Object.entries(t.executors)} />
        </>
      )}
    </Form>
  );
}

/** Time past the approved estimate (and its margin) is asked of the client first. */
function OverrunForm({ act }: { act: Act }) {
  const [extra, setExtra] = useState('');
  const [reason, setReason] = useState('');
  return (
    <Form submit={t.actions.askMore} onSubmit={() => act('overrun-requests', { additionalMinutes: minutesOf(extra), reason })}>
      <TextField label={t.actions.moreHours} value={extra} onChange={setExtra} required placeholder="2:00" />
      <TextArea label={t.actions.moreReason} value={reason} onChange={setReason} required />
    </Form>
  );
}

/** Questions left open in a session, answered later (also after delivery and close). */
function PendingQuestions({ ticket, act, agent }: { ticket: Ticket; act: Act; agent: boolean }) {
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const questions = Object.entries(ticket.pendingQuestions ?? {});
  return (
    <>
      {questions.map(([id, q]) => (
        <div key={id} className="pending-question">
          <p><strong>{q.question}</strong></p>
          {q.answer ? <p>{q.answer}</p> : agent && (
            <Form submit={t.actions.answer} onSubmit={() => act(`pending-questions/${id}/answer`, { answer: answers[id] ?? '' })}>
              <TextArea label={t.actions.answerLabel} value={answers[id] ?? ''} onChange={(v) => setAnswers({ ...answers, [id]: v })} required />
            </Form>
          )}
        </div>
      ))}
      {agent && (
        <Form submit={t.actions.recordQuestion} onSubmit={async () => { await act('pending-questions', { question }); setQuestion(''); }}>
          <TextArea label={t.actions.pendingQuestion} value={question} onChange={setQuestion} required />
        </Form>
      )}
    </>
  );
}

function OutOfScopeForm({ act }: { act: Act }) {
  const [reason, setReason] = useState('site_or_system_support');
  const [note, setNote] = useState('');
  const [resolution, setResolution] = useState('refuse');
  return (
    <Form submit={t.actions.outOfScope} onSubmit={() => act('out-of-scope', { reason, note, resolution })}>
      <Select label={t.actions.scopeReason} value={reason} onChange={setReason} options={Object.entries(t.outOfScope)} />
      <TextArea label={t.actions.scopeNote} value={note} onChange={setNote} required />
      <Select label={t.actions.resolution} value={resolution} onChange={setResolution} options={[['refuse', t.actions.refuse], ['escalate', t.actions.escalate]]} />
    </Form>
  );
}

/** The client (or a manager on its behalf) accepts or declines the current project offer. */
function OfferDecision({ ticket, act }: { ticket: Ticket; act: Act }) {
  const [reason, setReason] = useState('');
  const offer = ticket.projectOffer!;
  return (
    <>
      <p className="notice">{t.tickets.offer}: {hm(offer.expectedMinutes)} · {brl(offer.priceCents)}</p>
      <div className="button-row"><Form submit={t.actions.acceptOffer} onSubmit={() => act('project-offer/decision', { decision: 'accept', offerId: offer.offerId })} /></div>
      <Details summary={t.actions.declineOffer}>
        <Form submit={t.actions.declineOffer} onSubmit={() => act('project-offer/decision', { decision: 'decline', offerId: offer.offerId, ...(reason.trim() && { reason }) })}>
          <TextArea label={t.actions.rejectReason} value={reason} onChange={setReason} />
        </Form>
      </Details>
    </>
  );
}

const offerOpen = (ticket: Ticket) => ticket.projectOffer?.offerId !== undefined && ticket.projectOffer.decision === undefined;

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
  // More minutes asked for: the client decides on the new total.
  const estimate = ticket.pendingOverrun?.estimatedMinutes ?? ticket.estimate?.estimatedMinutes ?? 0;
  const available = account ? availableFor(ticket, account) : undefined;
  const after = available === undefined ? undefined : available - estimate;
  return (
    <>
      {ticket.pendingOverrun && <p className="notice">{t.actions.overrunAsked(hm(ticket.pendingOverrun.previousEstimatedMinutes), hm(ticket.pendingOverrun.estimatedMinutes))}</p>}
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
      {agent && s === 'inProgress' && ticket.estimate && <Details summary={t.actions.askMore}><OverrunForm act={act} /></Details>}
      {(agent || Object.keys(ticket.pendingQuestions ?? {}).length > 0) && <Details summary={t.actions.pendingQuestions}><PendingQuestions ticket={ticket} act={act} agent={agent} /></Details>}
      {agent && !finished && <Details summary={t.actions.outOfScope}><OutOfScopeForm act={act} /></Details>}
      {user.role === 'manager' && offerOpen(ticket) && <Details summary={t.actions.offerDecision}><OfferDecision ticket={ticket} act={act} /></Details>}
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
      {offerOpen(ticket) && approver && <OfferDecision ticket={ticket} act={act} />}
      {Object.keys(ticket.pendingQuestions ?? {}).length > 0 && <Details summary={t.actions.pendingQuestions}><PendingQuestions ticket={ticket} act={act} agent={false} /></Details>}
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
