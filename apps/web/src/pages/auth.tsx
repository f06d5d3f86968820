import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { post } from '../api/client';
import type { Session } from '../api/types';
import { homeOf } from '../components/layout';
import { Form, Loading, Notice, TextField } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';

/** The token of a one-time link rides in the URL fragment, which never reaches a server log. */
const useLinkToken = (): string => useLocation().hash.replace(/^#/, '');

function useStartSession() {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  return (session: Session) => {
    signedIn(session);
    navigate(homeOf(session.user.role), { replace: true });
  };
}

export function SignInPage() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const start = useStartSession();
  const from = (useLocation().state as { from?: string } | null)?.from;
  const navigate = useNavigate();
  const { signedIn } = useSession();
  return (
    <>
      <h1>{t.auth.signInTitle}</h1>
      <Form submit={t.auth.signIn} onSubmit={async () => {
        const session = await post<Session>('/auth/sign-in', { email, password });
        if (from && from !== '/') {
          signedIn(session);
          navigate(from, { replace: true });
        } else start(session);
      }}>
        <TextField label={t.auth.email} type="email" value={email} onChange={setEmail} required autoComplete="username" name="email" />
        <TextField label={t.auth.password} type="password" value={password} onChange={setPassword} required autoComplete="current-password" name="password" />
      </Form>
      <p><Link to="/esqueci-a-senha">{t.auth.forgot}</Link></p>
    </>
  );
}

function NewPasswordFields({ password, setPassword, confirm, setConfirm }: { password: string; setPassword: (v: string) => void; confirm: string; setConfirm: (v: string) => void }) {
  return (
    <>
      <TextField label={t.auth.newPassword} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t.auth.passwordHelp} />
      <TextField label={t.auth.confirmPassword} type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" />
    </>
  );
}

const checkSame = (password: string, confirm: string) => {
  if (password !== confirm) throw Object.assign(new Error(t.auth.mismatch), { display: t.auth.mismatch });
};

export function FirstManagerPage() {
  const token = useLinkToken();
  const pending = useQuery({ queryKey: ['first-manager'], queryFn: () => fetch('/auth/first-manager').then((r) => r.json() as Promise<{ pending: boolean }>) });
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const start = useStartSession();
  if (pending.isPending) return <Loading />;
  if (pending.data && !pending.data.pending) return <><h1>{t.auth.firstTitle}</h1><Notice>{t.auth.firstDone}</Notice><Link to="/entrar">{t.auth.backToSignIn}</Link></>;
  return (
    <>
      <h1>{t.auth.firstTitle}</h1>
      <p>{t.auth.firstHelp}</p>
      <Form submit={t.auth.createFirst} onSubmit={async () => {
        checkSame(password, confirm);
        start(await post<Session>('/auth/first-manager', { token, name, email, password }));
      }}>
        <TextField label={t.auth.name} value={name} onChange={setName} required autoComplete="name" />
        <TextField label={t.auth.email} type="email" value={email} onChange={setEmail} required autoComplete="email" />
        <NewPasswordFields password={password} setPassword={setPassword} confirm={confirm} setConfirm={setConfirm} />
      </Form>
    </>
  );
}

export function AcceptInvitationPage() {
  const token = useLinkToken();
  const invitation = useQuery({ queryKey: ['invitation', token], queryFn: () => post<{ name: string; email: string; role: string }>('/auth/invitations/inspect', { token }), retry: false });
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const start = useStartSession();
  if (invitation.isPending) return <Loading />;
  if (invitation.isError) return <><h1>{t.auth.inviteTitle}</h1><p className="error" role="alert">{t.auth.inviteInvalid}</p></>;
  const { name, email, role } = invitation.data;
  return (
    <>
      <h1>{t.auth.inviteTitle}</h1>
      <p>{t.auth.inviteFor(name, email, t.roles[role] ?? role)}</p>
      <Form submit={t.auth.acceptInvite} onSubmit={async () => {
        checkSame(password, confirm);
        start(await post<Session>('/auth/invitations/accept', { token, password }));
      }}>
        <input type="email" value={email} autoComplete="username" readOnly hidden />
        <NewPasswordFields password={password} setPassword={setPassword} confirm={confirm} setConfirm={setConfirm} />
      </Form>
    </>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  return (
    <>
      <h1>{t.auth.forgotTitle}</h1>
      <p>{t.auth.forgotHelp}</p>
      <Form submit={t.auth.sendLink} done={t.auth.linkSent} onSubmit={() => post('/auth/password-resets', { email })}>
        <TextField label={t.auth.email} type="email" value={email} onChange={setEmail} required autoComplete="email" />
      </Form>
      <p><Link to="/entrar">{t.auth.backToSignIn}</Link></p>
    </>
  );
}

export function ResetPasswordPage() {
  const token = useLinkToken();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  if (done) return <><h1>{t.auth.resetTitle}</h1><Notice>{t.auth.resetDone}</Notice><Link to="/entrar">{t.auth.backToSignIn}</Link></>;
  return (
    <>
      <h1>{t.auth.resetTitle}</h1>
      <Form submit={t.auth.save} onSubmit={async () => {
        checkSame(password, confirm);
        await post('/auth/password-resets/complete', { token, password });
        setDone(true);
      }}>
        <NewPasswordFields password={password} setPassword={setPassword} confirm={confirm} setConfirm={setConfirm} />
      </Form>
    </>
  );
}
