/**
 * Who is signed in: the user from /auth/me (roles and permissions come from the active pack) with
 * the session's CSRF token for writes, sign-in and sign-out. Every tab starts from /auth/me, so a
 * second tab or a pasted case URL opens in the session the browser already holds.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, onSignedOut, setTabSession } from './api.ts';

/** The signed-in user as the platform describes them. */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  org: string;
  roles: { code: string; name: string; nameEn?: string | null }[];
  permissions: { permission: string; scope: string }[];
  certificate: { number: string | null; validUntil: string | null; valid: boolean };
  /** The session's CSRF token (same-origin callers only). */
  csrfToken?: string;
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
  const [loading, setLoading] = useState(true);

  const signedIn = useCallback((who: Me) => {
    // Sign-in already gave the token; /auth/me gives it to a tab that has none yet.
    if (who.csrfToken) setTabSession({ userId: who.id, csrfToken: who.csrfToken });
    setMe(who);
  }, []);

  useEffect(() => {
    // Whether this browser holds a session first (always 200), so the sign-in page logs no 401.
    api
      .get<{ signedIn: boolean }>('/auth/session')
      .then(async ({ signedIn: live }) => {
        if (live) signedIn(await api.get<Me>('/auth/me'));
        else setTabSession(null);
      })
      .catch(() => setTabSession(null))
      .finally(() => setLoading(false));
    // A session that ends under this tab (expired, or signed out in another) shows the sign-in
    // page at the same address, so signing in again goes on where the officer was.
    onSignedOut(() => {
      setTabSession(null);
      setMe(null);
    });
    return () => onSignedOut(null);
  }, [signedIn]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api.post<{ csrfToken: string; user: { id: string } }>('/auth/login', { username, password });
      setTabSession({ userId: res.user.id, csrfToken: res.csrfToken });
      signedIn(await api.get<Me>('/auth/me'));
    },
    [signedIn],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      setTabSession(null);
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
