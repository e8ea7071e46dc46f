/** The screens by path, each loaded when first visited. */
import { Result, Spin } from 'antd';
import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { useT } from '../i18n.tsx';
import { match, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { landingPath } from './landing.ts';

type Page = ComponentType<{ params: Record<string, string> }>;
const page = (load: () => Promise<Page>) => lazy(async () => ({ default: await load() }));

/** The alert board, with or without an alert open: one component, so opening one keeps the filters. */
const alertsPage = page(() => import('../pages/AlertsPage.tsx').then((m) => m.AlertsPage));

const ROUTES: [string, Page][] = [
  ['/', page(() => import('../pages/WorkbenchPage.tsx').then((m) => m.WorkbenchPage))],
  ['/case-sources', page(() => import('../pages/CaseSourcesPage.tsx').then((m) => m.CaseSourcesPage))],
  ['/cases/new', page(() => import('../pages/OpenCasePage.tsx').then((m) => m.OpenCasePage))],
  ['/entities', page(() => import('../pages/inspection/EntitiesPage.tsx').then((m) => m.EntitiesPage))],
  [
    '/inspection-plans',
    page(() => import('../pages/inspection/InspectionPlansPage.tsx').then((m) => m.InspectionPlansPage)),
  ],
  [
    '/inspection-plans/:id',
    page(() => import('../pages/inspection/InspectionPlanPage.tsx').then((m) => m.InspectionPlanPage)),
  ],
  ['/cases/:id', page(() => import('../pages/CasePage.tsx').then((m) => m.CasePage))],
  ['/cases/:id/inspection', page(() => import('../pages/InspectionPage.tsx').then((m) => m.InspectionPage))],
  ['/documents/:id', page(() => import('../pages/DocumentPage.tsx').then((m) => m.DocumentPage))],
  ['/reviews', page(() => import('../pages/ReviewQueuePage.tsx').then((m) => m.ReviewQueuePage))],
  ['/reviews/:id', page(() => import('../pages/ReviewPage.tsx').then((m) => m.ReviewPage))],
  ['/supervision', page(() => import('../pages/SupervisionPage.tsx').then((m) => m.SupervisionPage))],
  ['/exchange', page(() => import('../pages/ExchangePage.tsx').then((m) => m.ExchangePage))],
  ['/disclosures', page(() => import('../pages/DisclosuresPage.tsx').then((m) => m.DisclosuresPage))],
  ['/alerts', alertsPage],
  ['/alerts/:id', alertsPage],
  ['/assessment', page(() => import('../pages/AssessmentPage.tsx').then((m) => m.AssessmentPage))],
  ['/file-review', page(() => import('../pages/FileReviewPage.tsx').then((m) => m.FileReviewPage))],
  [
    '/file-review/rounds/:id',
    page(() => import('../pages/FileReviewRoundPage.tsx').then((m) => m.FileReviewRoundPage)),
  ],
  ['/file-review/files/:id', page(() => import('../pages/FileReviewScorePage.tsx').then((m) => m.FileReviewScorePage))],
  ['/packs', page(() => import('../pages/PacksPage.tsx').then((m) => m.PacksPage))],
  ['/admin/audit', page(() => import('../pages/admin/AuditPage.tsx').then((m) => m.AuditPage))],
  ['/admin/import', page(() => import('../pages/admin/ImportPage.tsx').then((m) => m.ImportPage))],
  ['/admin/accounts', page(() => import('../pages/admin/AccountsPage.tsx').then((m) => m.AccountsPage))],
  ['/admin/roles', page(() => import('../pages/admin/AccountsRolesPage.tsx').then((m) => m.AccountsRolesPage))],
  [
    '/admin/security-policy',
    page(() => import('../pages/admin/AccountsPolicyPage.tsx').then((m) => m.AccountsPolicyPage)),
  ],
  ['/password', page(() => import('../pages/PasswordPage.tsx').then((m) => m.PasswordPage))],
];

/** Renders the screen of a path, or "not found". */
export function Routes({ path }: { path: string }) {
  const { t } = useT();
  const { can } = useSession();
  const landing = landingPath(can);
  const away = path === '/' && landing !== '/';
  useEffect(() => {
    if (away) navigate(landing, true);
  }, [away, landing]);
  if (away) return <Spin style={{ display: 'block', margin: 48 }} />;
  for (const [pattern, Component] of ROUTES) {
    const params = match(pattern, path);
    if (params)
      return (
        <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
          <Component params={params} />
        </Suspense>
      );
  }
  return <Result status="404" title="404" subTitle={t('common.notFound')} />;
}
