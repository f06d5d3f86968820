import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { ApiError, get, post, session as apiSession } from './api/client';
import type { Session, SessionUser } from './api/types';

interface SessionState {
  readonly user: SessionUser | undefined;
  readonly loading: boolean;
  readonly signedIn: (session: Session) => void;
  readonly signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | undefined>(undefined);

/** Who is signed in (GET /auth/session); the CSRF token it returns goes with every write. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await get<Session>('/auth/session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => apiSession.setCsrfToken(current.data?.csrfToken ?? null), [current.data]);
  /** What the previous person saw must not be shown to the next one; the session query itself stays observed. */
  const forgetOthers = () => client.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  useEffect(() => apiSession.onLost(() => client.setQueryData(['session'], null)), [client]);
  const state: SessionState = {
    user: current.data?.user,
    loading: current.isPending,
    signedIn: (session) => {
      apiSession.setCsrfToken(session.csrfToken);
      forgetOthers();
      client.setQueryData(['session'], session);
    },
    signOut: async () => {
      await post('/auth/sign-out').catch(() => undefined);
      apiSession.setCsrfToken(null);
      forgetOthers();
      client.setQueryData(['session'], null);
    },
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export const useSession = (): SessionState => {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
};

export const isStaff = (user: SessionUser | undefined): boolean => user !== undefined && user.role !== 'client';
export const canWrite = (user: SessionUser | undefined): boolean => user !== undefined && user.role !== 'auditor';
