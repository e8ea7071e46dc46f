/**
 * Who is signed in: the user from /auth/me (roles and permissions come from the active pack),
 * sign-in keeping the CSRF token for writes, and sign-out.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, hasCsrfToken, setCsrfToken } from './api.ts';

/** The signed-in user as the platform describes them. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  org: string;
  roles: { code: string; name: string }[];
  permissions: { permission: string; scope: string }[];
  certificate: { number: string | null; validUntil: string | null; valid: boolean };
}

interface Session {
  me: Me | null;
  loading: boolean;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
  /** Whether one of my roles grants the permission. */
  can(permission: string): boolean;
}

const Ctx = createContext<Session | null>(null);

/** Provides the session to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(hasCsrfToken());

  useEffect(() => {
    if (!hasCsrfToken()) return;
    api
      .get<Me>('/auth/me')
      .then(setMe)
      .catch(() => setCsrfToken(null))
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await api.post<{ csrfToken: string }>('/auth/login', { username, password });
    setCsrfToken(res.csrfToken);
    setMe(await api.get<Me>('/auth/me'));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setCsrfToken(null);
      setMe(null);
      history.replaceState(null, '', '/');
    }
  }, []);

  const value = useMemo<Session>(
    () => ({
      me,
      loading,
      login,
      logout,
      can: (p) => !!me?.permissions.some((x) => x.permission === p),
    }),
    [me, loading, login, logout],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The session. */
export function useSession(): Session {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
