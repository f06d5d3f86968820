import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { usePersonName, useStream } from '../api/hooks';
import { dateTime } from '../format';
import { ErrorBox, Form, Loading, Page, TextField } from '../components/ui';
import { t } from '../strings';

/** Any stream's history, event by event: who, in which role, on whose behalf, when, and the data (secrets redacted). */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const stream = params.get('fluxo') ?? '';
  const [typed, setTyped] = useState(stream);
  const history = useStream(stream);
  const nameOf = usePersonName();
  return (
    <Page title={t.audit.title}>
      <Form submit={t.audit.show} onSubmit={async () => setParams({ fluxo: typed.trim() })}>
        <TextField label={t.audit.stream} value={typed} onChange={setTyped} required />
      </Form>
      <ErrorBox error={history.error} />
      {stream && (history.isPending ? <Loading /> : (history.data?.events.length ?? 0) === 0 ? <p>{t.audit.empty}</p> : (
        <table className="table audit">
          <thead><tr><th scope="col">{t.audit.revision}</th><th scope="col">{t.audit.when}</th><th scope="col">{t.audit.who}</th><th scope="col">{t.audit.event}</th><th scope="col">{t.audit.data}</th></tr></thead>
          <tbody>
            {history.data!.events.map((e) => (
              <tr key={e.id}>
                <td data-label={t.audit.revision}>{e.revision}</td>
                <td data-label={t.audit.when}>{dateTime(e.metadata.occurredAt)}</td>
                <td data-label={t.audit.who}>{nameOf(e.metadata.actor)} <span className="muted">({t.roles[e.metadata.role ?? ''] ?? e.metadata.role}{e.metadata.onBehalfOf ? `, ${t.audit.onBehalf} ${e.metadata.onBehalfOf}` : ''})</span></td>
                <td data-label={t.audit.event}><code>{e.storedType}</code></td>
                <td data-label={t.audit.data}><pre>{JSON.stringify(e.data, null, 1)}</pre></td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Page>
  );
}
