/**
 * The signed-in frame: a header with the screens my roles use, the language switch and my
 * name, and the routed screen below. On a phone (≤ 480 px) the navigation folds into a drawer.
 */
import { KeyOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Layout, Menu, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { type Lang, useT } from '../i18n.tsx';
import { navigate, usePath } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useIsPhone } from '../use-phone.ts';
import { AlertBell } from './AlertBell.tsx';
import { landingPath } from './landing.ts';
import { Routes } from './Routes.tsx';

/** The frame of every signed-in screen. */
export function AppShell() {
  const { t, lang, setLang, named, list } = useT();
  const { me, can, logout } = useSession();
  const path = usePath();
  const phone = useIsPhone();
  const [open, setOpen] = useState(false);

  const items = [
    ...(landingPath(can) === '/' ? [{ key: '/', label: t('nav.workbench') }] : []),
    ...(can('case-source.register') || can('case-source.decide')
      ? [{ key: '/case-sources', label: t('nav.sources') }]
      : []),
    ...(can('case.create') ? [{ key: '/cases/new', label: t('nav.open') }] : []),
    ...(can('inspection-plan.read') ? [{ key: '/inspection-plans', label: t('plans.nav') }] : []),
    ...(can('entity.read') ? [{ key: '/entities', label: t('entities.nav') }] : []),
    ...(can('review.perform') ? [{ key: '/reviews', label: t('nav.reviews') }] : []),
    ...(can('statistics.read') ? [{ key: '/supervision', label: t('supervision.nav') }] : []),
    ...(can('disclosure.publish') ? [{ key: '/disclosures', label: t('disclosure.nav') }] : []),
    ...(can('alert.read') ? [{ key: '/alerts', label: t('nav.alerts') }] : []),
    ...(can('exchange.export') ? [{ key: '/exchange', label: t('exchange.nav') }] : []),
    ...(can('assessment.read') ? [{ key: '/assessment', label: t('assessment.nav') }] : []),
    ...(can('file-review.read') || can('file-review.score')
      ? [{ key: '/file-review', label: t('fileReview.nav') }]
      : []),
    ...(can('user.manage') ? [{ key: '/admin/accounts', label: t('admin.accounts.nav') }] : []),
    ...(can('role.assign') || can('user.certify') || can('user.credentials')
      ? [{ key: '/admin/roles', label: t('admin.roles.nav') }]
      : []),
    ...(can('security.configure') ? [{ key: '/admin/security-policy', label: t('admin.policy.nav') }] : []),
    ...(can('pack.activate') ? [{ key: '/packs', label: t('nav.packs') }] : []),
    ...(can('audit.read') ? [{ key: '/admin/audit', label: t('audit.nav') }] : []),
    ...(can('user.manage') || can('role.assign') || can('user.certify')
      ? [{ key: '/admin/import', label: t('import.nav') }]
      : []),
  ];
  const selected = items.filter((i) => i.key !== '/' && path.startsWith(i.key)).map((i) => i.key);
  const go = ({ key }: { key: string }) => {
    setOpen(false);
    navigate(key);
  };
  const langSwitch = (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={[
        // Each language by its own name, as language switches do.
        { label: <span lang="zh-CN">中</span>, value: 'zh' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
  const user = (
    <Dropdown
      menu={{
        items: [
          { key: 'roles', label: list(me?.roles.map((r) => named(r)) ?? []), disabled: true },
          { key: 'password', icon: <KeyOutlined />, label: t('password.menu'), onClick: () => navigate('/password') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout'), onClick: () => void logout() },
        ],
      }}
    >
      <Button type="text" style={{ color: '#fff' }} data-testid="user-menu">
        <span data-user-text="">{me?.displayName}</span>
      </Button>
    </Dropdown>
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: phone ? '0 8px' : '0 24px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            onClick={() => setOpen(true)}
            aria-label="menu"
          />
        )}
        <Typography.Text
          strong
          style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap', cursor: 'pointer' }}
          onClick={() => navigate('/')}
        >
          {t('app.short')}
        </Typography.Text>
        {!phone && (
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected.length ? selected : path === '/' ? ['/'] : []}
            items={items}
            onClick={go}
            style={{ flex: 1, minWidth: 0 }}
          />
        )}
        {phone && <div style={{ flex: 1 }} />}
        <AlertBell />
        {langSwitch}
        {user}
      </Layout.Header>
      <Drawer open={open} onClose={() => setOpen(false)} placement="left" width={240} title={t('app.short')}>
        <Menu mode="inline" selectedKeys={selected} items={items} onClick={go} style={{ borderInlineEnd: 0 }} />
      </Drawer>
      <Layout.Content style={{ padding: phone ? 8 : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
        <Routes path={path} />
      </Layout.Content>
    </Layout>
  );
}
