import type { SlaTimer } from '../api/types';
import { dateTime, hm } from '../format';
import { t } from '../strings';
import { Badge } from './ui';

const STATUS_TONE: Readonly<Record<string, 'danger' | 'warning' | 'ok' | 'muted' | 'info'>> = {
  awaitingApproval: 'warning', awaitingClarification: 'warning', rejected: 'danger', inProgress: 'info', delivered: 'ok', closed: 'muted', cancelled: 'muted', escalated: 'muted', open: 'info',
};

export const StatusBadge = ({ status }: { status: string }) => <Badge tone={STATUS_TONE[status] ?? 'muted'}>{t.status[status] ?? status}</Badge>;

const URGENCY_TONE = { breached: 'danger', atRisk: 'warning', running: 'ok', waiting: 'muted', done: 'muted' } as const;
export const UrgencyBadge = ({ urgency }: { urgency: keyof typeof URGENCY_TONE }) => <Badge tone={URGENCY_TONE[urgency]}>{t.urgency[urgency]}</Badge>;

/** One SLA timer: what it is, when it is due, how much business time is left, and its state. */
export function SlaLine({ timer, timeZone }: { timer: SlaTimer; timeZone?: string }) {
  const state = timer.status === 'running' ? (timer.paused ? t.sla.paused : timer.atRisk ? t.sla.atRisk : t.sla.running) : t.sla[timer.status];
  const tone = timer.status === 'breached' ? 'danger' : timer.atRisk && timer.status === 'running' ? 'warning' : timer.status === 'met' ? 'ok' : 'muted';
  return (
    <div className="sla-line">
      <strong>{t.sla[timer.kind]}</strong> <Badge tone={tone}>{state}</Badge>
      <span> {t.sla.due} {dateTime(timer.dueAt, timeZone)}</span>
      {timer.status === 'running' && <span className="muted"> · {t.slaRemaining(hm(timer.remainingMinutes))}</span>}
    </div>
  );
}
