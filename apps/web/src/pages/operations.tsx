import { post } from '../api/client';
import { useProjections } from '../api/hooks';
import { Badge, ErrorBox, Form, Loading, Page } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';

/** Projections and reactors: where each is in the log, how far behind, parked events; a manager rebuilds. */
export function OperationsPage() {
  const { user } = useSession();
  const status = useProjections();
  return (
    <Page title={t.operations.title}>
      <ErrorBox error={status.error} />
      {status.isPending ? <Loading /> : status.data && (
        <>
          <p>{t.operations.head}: {status.data.headPosition}</p>
          <table className="table">
            <thead><tr><th scope="col">{t.operations.name}</th><th scope="col">{t.operations.kind}</th><th scope="col">{t.operations.state}</th><th scope="col">{t.operations.position}</th><th scope="col">{t.operations.lag}</th><th scope="col"><span className="sr-only">{t.operations.rebuild}</span></th></tr></thead>
            <tbody>
              {status.data.consumers.map((c) => (
                <tr key={c.name}>
                  <td data-label={t.operations.name}>{c.name}</td>
                  <td data-label={t.operations.kind}>{c.kind}</td>
                  <td data-label={t.operations.state}><Badge tone={c.state === 'parked' ? 'danger' : c.lag > 0 ? 'warning' : 'ok'}>{c.state}</Badge>{c.parked && <span className="error"> {t.operations.parked} @{c.parked.position}</span>}</td>
                  <td data-label={t.operations.position}>{c.position ?? '—'}</td>
                  <td data-label={t.operations.lag}>{c.lag}</td>
                  <td>{user?.role === 'manager' && c.kind === 'projection' && <Form submit={t.operations.rebuild} done={t.operations.rebuilding} onSubmit={() => post(`/admin/projections/${c.name}/rebuild`)} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
}
