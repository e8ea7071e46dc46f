/**
 * The app: language and session providers, antd in the chosen locale, the sign-in page on first
 * load, and everything else loaded once signed in (routes are split so the sign-in page stays small).
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { LangProvider, useT } from './i18n.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { THEME } from './theme.ts';

const AppShell = lazy(() => import('./shell/AppShell.tsx').then((m) => ({ default: m.AppShell })));

function Loading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 80 }}>
      <Spin size="large" />
    </div>
  );
}

function Gate() {
  const { me, loading } = useSession();
  if (loading) return <Loading />;
  if (!me) return <LoginPage />;
  return (
    <Suspense fallback={<Loading />}>
      <AppShell />
    </Suspense>
  );
}

function Localised() {
  const { lang } = useT();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <SessionProvider>
          <Gate />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** The officer app. */
export function App() {
  return (
    <LangProvider>
      <Localised />
    </LangProvider>
  );
}
