import { useState } from 'react';
import { NavLink, Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../api/types';
import { useLiveUpdates } from '../live/live-updates';
import { useSession } from '../session';
import { t } from '../strings';
import { Loading } from './ui';

const NAV: Readonly<Record<Role, readonly (readonly [string, string])[]>> = {
  client: [['/meus-chamados', t.nav.myTickets], ['/novo-chamado', t.nav.newTicket], ['/contas', t.nav.balance]],
  agent: [['/fila', t.nav.queue], ['/novo-chamado', t.nav.newTicket], ['/contas', t.nav.accounts]],
  manager: [['/fila', t.nav.queue], ['/contas', t.nav.accounts], ['/planos', t.nav.plans], ['/usuarios', t.nav.users], ['/chaves', t.nav.apiKeys], ['/calendarios', t.nav.calendars], ['/operacao', t.nav.operations], ['/auditoria', t.nav.audit]],
  auditor: [['/fila', t.nav.queue], ['/contas', t.nav.accounts], ['/planos', t.nav.plans], ['/usuarios', t.nav.users], ['/chaves', t.nav.apiKeys], ['/calendarios', t.nav.calendars], ['/operacao', t.nav.operations], ['/auditoria', t.nav.audit]],
};

export const homeOf = (role: Role): string => (role === 'client' ? '/meus-chamados' : '/fila');

/** The signed-in shell: a top bar with the role's pages (a menu button on a phone) and the page itself. */
export function SignedInLayout() {
  const { user, loading, signOut } = useSession();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const live = useLiveUpdates(user !== undefined);
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/entrar" replace state={{ from: location.pathname }} />;
  return (
    <div className="shell">
      <a className="skip" href="#main">{t.app.skip}</a>
      <header className="topbar">
        <a className="brand" href={homeOf(user.role)}>{t.app.name}</a>
        <button type="button" className="menu-button" aria-expanded={menuOpen} aria-controls="main-nav" onClick={() => setMenuOpen(!menuOpen)}>{t.app.menu}</button>
        <nav id="main-nav" aria-label={t.app.menu} className={menuOpen ? 'open' : ''}>
          <ul>
            {NAV[user.role].map(([to, label]) => (
              <li key={to}><NavLink to={to} onClick={() => setMenuOpen(false)}>{label}</NavLink></li>
            ))}
            <li><NavLink to="/minha-senha" onClick={() => setMenuOpen(false)}>{t.nav.password}</NavLink></li>
          </ul>
        </nav>
        <div className="who">
          <span className={`live ${live ? 'on' : ''}`} title={live ? t.app.live : t.app.offline} aria-label={live ? t.app.live : t.app.offline} role="img" />
          <span>{user.name ?? user.id} · {t.roles[user.role]}</span>
          <button type="button" className="link" onClick={() => void signOut()}>{t.app.signOut}</button>
        </div>
      </header>
      <main id="main"><Outlet /></main>
    </div>
  );
}

/** Pages for people not signed in: sign-in, first manager, invitation, password reset. */
export function PublicLayout() {
  return (
    <div className="public">
      <main id="main" className="public-card">
        <p className="brand">{t.app.name}</p>
        <Outlet />
      </main>
    </div>
  );
}
