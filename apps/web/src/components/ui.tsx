import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/client';
import { t } from '../strings';

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** A titled section; `headingId` lets a page move the focus to its heading (tabIndex −1) when what had it is gone. */
export function Card({ title, children, className, headingId }: { title?: ReactNode; children: ReactNode; className?: string; headingId?: string }) {
  return (
    <section className={`card ${className ?? ''}`}>
      {title && <h2 id={headingId} tabIndex={headingId ? -1 : undefined}>{title}</h2>}
      {children}
    </section>
  );
}

export const Loading = () => <p className="muted" role="status">{t.app.loading}</p>;

/** A refusal as the person should read it: our sentence for its code, and each field the server named with its messages. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError ? error.display : (error as { display?: string }).display ?? t.common.error;
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <div className="error" role="alert">
      <p>{text}</p>
      {fields.length > 0 && <ul>{fields.map((f) => <li key={f.field}><code>{f.field}</code>: {f.messages.join('; ')}</li>)}</ul>}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return <p className="notice" role="status">{children}</p>;
}

type FieldProps = {
  label: string;
  hint?: string;
  children: (id: string, describedBy?: string) => ReactNode;
};

export function Field({ label, hint, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {hint && <small id={hintId} className="muted">{hint}</small>}
    </div>
  );
}

export function TextField(props: { label: string; value: string; onChange: (v: string) => void; type?: string; hint?: string; required?: boolean; autoComplete?: string; placeholder?: string; name?: string }) {
  return (
    <Field label={props.label} hint={props.hint}>
      {(id, describedBy) => (
        <input id={id} name={props.name} type={props.type ?? 'text'} value={props.value} required={props.required} autoComplete={props.autoComplete}
          placeholder={props.placeholder} aria-describedby={describedBy} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </Field>
  );
}

export function TextArea(props: { label: string; value: string; onChange: (v: string) => void; hint?: string; required?: boolean; rows?: number }) {
  return (
    <Field label={props.label} hint={props.hint}>
      {(id, describedBy) => (
        <textarea id={id} value={props.value} required={props.required} rows={props.rows ?? 3} aria-describedby={describedBy} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </Field>
  );
}

export function Select(props: { label: string; value: string; onChange: (v: string) => void; options: readonly (readonly [string, string])[]; required?: boolean; hint?: string }) {
  return (
    <Field label={props.label} hint={props.hint}>
      {(id, describedBy) => (
        <select id={id} value={props.value} required={props.required} aria-describedby={describedBy} onChange={(e) => props.onChange(e.target.value)}>
          {props.options.map(([value, text]) => <option key={value} value={value}>{text}</option>)}
        </select>
      )}
    </Field>
  );
}

export function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A form that shows its own error and a busy state; `onSubmit` may throw an ApiError, or answer a sentence to show instead of `done`. */
export function Form({ submit, onSubmit, children, className, done }: { submit: string; onSubmit: () => Promise<unknown>; children?: ReactNode; className?: string; done?: string }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [ok, setOk] = useState<string | undefined>();
  const handle = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setOk(undefined);
    try {
      const said = await onSubmit();
      setOk(typeof said === 'string' ? said : done);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className={`form ${className ?? ''}`} onSubmit={handle} aria-busy={busy}>
      {children}
      <ErrorBox error={error} />
      {ok && <Notice>{ok}</Notice>}
      <button type="submit" disabled={busy}>{submit}</button>
    </form>
  );
}

export function Badge({ tone, children }: { tone?: 'danger' | 'warning' | 'ok' | 'muted' | 'info'; children: ReactNode }) {
  return <span className={`badge ${tone ?? 'muted'}`}>{children}</span>;
}

export function Details({ summary, children, open }: { summary: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="action" open={open}>
      <summary>{summary}</summary>
      <div className="action-body">{children}</div>
    </details>
  );
}
