import type { HistoryEvent } from '../api/types';
import { usePersonName } from '../api/hooks';
import { brl, dateOnly, dateTime, hm } from '../format';
import { t } from '../strings';

/** The details worth reading in a ticket event, in words. */
const detailOf = (event: HistoryEvent): string | undefined => {
  const d = event.data as Record<string, any>;
  switch (event.type) {
    case 'TicketOpened': return `${d.title} — ${d.description}`;
    case 'TicketNumbered': return `#${d.number}`;
    case 'ClarificationRequested': return d.question;
    case 'ClarificationProvided': return d.answer;
    case 'TicketEstimated': return `${hm(d.estimatedMinutes)} · ${t.tickets.expected} ${dateTime(d.expectedDeliveryAt)}${d.approvalRequired ? ` · ${t.status.awaitingApproval}` : ''}`;
    case 'EstimateRejected': return d.reason || undefined;
    case 'TimeLogged': return `${hm(d.minutes)} · ${t.activities[d.activity] ?? d.activity} · ${dateOnly(d.performedOn)}${d.note ? ` · ${d.note}` : ''}`;
    case 'TimeEntryCorrected': return `${d.minutesDelta > 0 ? '+' : ''}${hm(d.minutesDelta)} · ${d.reason}`;
    case 'TicketDelivered': return d.summary;
    case 'RevisionRequested': return d.reason;
    case 'TicketClosed': return `${hm(d.loggedMinutes)}`;
    case 'TicketCancelled': case 'TicketEscalated': return d.reason;
    case 'ProjectOfferRecorded': return `${hm(d.expectedMinutes)} · ${brl(d.priceCents)}`;
    case 'SlaBreached': return `${t.sla[d.kind]} · ${dateTime(d.dueAt)}`;
    default: return undefined;
  }
};

/** Every event of the ticket: who did it, in which role, on whose behalf, when, and what. */
export function Timeline({ events, timeZone }: { events: readonly HistoryEvent[]; timeZone?: string }) {
  const nameOf = usePersonName();
  return (
    <ol className="timeline">
      {events.map((event) => {
        const { actor, role, onBehalfOf, occurredAt } = event.metadata;
        const detail = detailOf(event);
        return (
          <li key={event.id}>
            <time dateTime={occurredAt}>{dateTime(occurredAt, timeZone)}</time>
            <div>
              <strong>{nameOf(actor)}</strong>
              {role && <span className="muted"> ({t.roles[role] ?? role})</span>}
              {onBehalfOf && <span className="muted"> {t.audit.onBehalf} {onBehalfOf.replace(/^account:/, '')}</span>}
              {' '}{t.events[event.type] ?? event.type}
              {detail && <p className="detail">{detail}</p>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
