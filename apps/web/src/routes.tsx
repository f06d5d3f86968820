import { Navigate, createBrowserRouter } from 'react-router';
import { PublicLayout, SignedInLayout, homeOf } from './components/layout';
import { AccountPage } from './pages/account';
import { AccountsPage } from './pages/accounts';
import { ApiKeysPage } from './pages/api-keys';
import { AuditPage } from './pages/audit';
import { AcceptInvitationPage, FirstManagerPage, ForgotPasswordPage, ResetPasswordPage, SignInPage } from './pages/auth';
import { CalendarsPage } from './pages/calendars';
import { ChangePasswordPage } from './pages/change-password';
import { MyTicketsPage } from './pages/my-tickets';
import { NewTicketPage } from './pages/new-ticket';
import { OperationsPage } from './pages/operations';
import { PlansPage } from './pages/plans';
import { QueuePage } from './pages/queue';
import { ReportPage } from './pages/report';
import { TicketPage } from './pages/ticket';
import { UsersPage } from './pages/users';
import { useSession } from './session';

function Home() {
  const { user } = useSession();
  return <Navigate to={user ? homeOf(user.role) : '/entrar'} replace />;
}

/**
 * One page per route. The paths are Portuguese and never collide with the API's; a new top-level path must also be
 * added to APP_SEGMENTS in apps/api/src/web/web-app.ts, which serves index.html for them.
 */
export const router = createBrowserRouter([
  {
    element: <PublicLayout />,
    children: [
      { path: '/entrar', element: <SignInPage /> },
      { path: '/primeiro-acesso', element: <FirstManagerPage /> },
      { path: '/convite', element: <AcceptInvitationPage /> },
      { path: '/esqueci-a-senha', element: <ForgotPasswordPage /> },
      { path: '/redefinir-senha', element: <ResetPasswordPage /> },
    ],
  },
  {
    element: <SignedInLayout />,
    children: [
      { path: '/', element: <Home /> },
      { path: '/fila', element: <QueuePage /> },
      { path: '/meus-chamados', element: <MyTicketsPage /> },
      { path: '/novo-chamado', element: <NewTicketPage /> },
      { path: '/chamados/:id', element: <TicketPage /> },
      { path: '/contas', element: <AccountsPage /> },
      { path: '/contas/:id', element: <AccountPage /> },
      { path: '/contas/:id/relatorios/:period', element: <ReportPage /> },
      { path: '/planos', element: <PlansPage /> },
      { path: '/usuarios', element: <UsersPage /> },
      { path: '/chaves', element: <ApiKeysPage /> },
      { path: '/calendarios', element: <CalendarsPage /> },
      { path: '/operacao', element: <OperationsPage /> },
      { path: '/auditoria', element: <AuditPage /> },
      { path: '/minha-senha', element: <ChangePasswordPage /> },
      { path: '*', element: <Home /> },
    ],
  },
]);
