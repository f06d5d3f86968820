import { useState } from 'react';
import { post } from '../api/client';
import { Form, Page, TextField } from '../components/ui';
import { useSession } from '../session';
import { t } from '../strings';

/** Changing one's password ends every session of the user, this one too: sign in again afterwards. */
export function ChangePasswordPage() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { signOut } = useSession();
  return (
    <Page title={t.auth.changeTitle}>
      <Form submit={t.auth.change} onSubmit={async () => {
        await post('/auth/password', { currentPassword: current, newPassword: next });
        await signOut();
      }}>
        <TextField label={t.auth.currentPassword} type="password" value={current} onChange={setCurrent} required autoComplete="current-password" />
        <TextField label={t.auth.newPassword} type="password" value={next} onChange={setNext} required autoComplete="new-password" hint={t.auth.passwordHelp} />
      </Form>
    </Page>
  );
}
